#!/usr/bin/env bash
# The example grid (27 trials, 5 epochs) run end to end with `sweepgrid run --bundle K` for K = 1, 9 and 27, one after
# the other on this machine, each into its own results folder: wall time, training samples/s summed over the trials'
# epochs, and the best configuration (which fusing must not change). Usage: bash bench/Bundles/run.sh [OUT_FOLDER] [K ...]
# (K: a number or auto). EPOCHS=N runs the grid at N epochs instead of the spec's 5 (bench/Bundles/peer.sh: 2). Each K also
# leaves OUT_FOLDER/bundle-K.summary.json (wall seconds, samples/s) for peer.sh's ratios.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$(mktemp -d)}
shift || true
sizes=("${@:-1 9 27}")
spec="$root/examples/fashion-mnist-optimizers.yaml"
mkdir -p "$out"
if [[ -n "${EPOCHS:-}" ]]; then
  # Another name, so another sweep: its results never mix with the 5-epoch grid's.
  sed -e "s/epochs: 5,/epochs: $EPOCHS,/" -e "s/^name: fashion-mnist-optimizers/name: fashion-mnist-optimizers-$EPOCHS-epochs/" \
    "$spec" > "$out/fashion-mnist-optimizers-$EPOCHS-epochs.yaml"
  spec="$out/fashion-mnist-optimizers-$EPOCHS-epochs.yaml"
fi
# Builds once, outside the timings; each run then times the sweepgrid process itself (silo start, training, results files)
# without the wrapper's provisioning and build check (about 3 s a call), as the peer's timing leaves out its imports.
"$root/scripts/sweepgrid" --help > /dev/null
app="$root/src/Client/bin/Release/net10.0/sweepgrid.dll"
for k in ${sizes[@]}; do
  start=$(date +%s.%N)
  dotnet "$app" run "$spec" --bundle "$k" --results "$out/bundle-$k" --json > "$out/bundle-$k.json"
  end=$(date +%s.%N)
  python3 - "$out/bundle-$k.json" "$out/bundle-$k" "$start" "$end" "$k" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
sweep = report["sweep"]["sweep_id"]
trials = [json.loads(l) for l in open(f"{sys.argv[2]}/{sweep}/trials.jsonl")]
wall = float(sys.argv[4]) - float(sys.argv[3])
samples = sum(e["samples_per_second"] * e["duration_seconds"] for t in trials for e in t["history"])
best = report["best"]
config = best["config"]
json.dump({"bundle": sys.argv[5], "wall_seconds": wall, "training_samples_per_second": samples / wall},
          open(f"{sys.argv[2]}.summary.json", "w"))
print(f"--bundle {sys.argv[5]}: wall {wall:.1f} s, {samples / wall:,.0f} training samples/s over the run; "
      f"best {config['optimizer']} lr {config['learning_rate']} dropout {config['dropout']}: val_accuracy {best['metrics']['val_accuracy']:.4f}")
PY
done
