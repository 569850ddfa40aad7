#!/usr/bin/env bash
# The example grid at 9 epochs with and without ASHA, one after the other on this machine: epochs trained, wall time,
# the best configuration and its validation accuracy. Usage: bash bench/EarlyStopping/run.sh [RESULTS_FOLDER]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$(mktemp -d)}
mkdir -p "$out"
asha="$root/examples/fashion-mnist-asha.yaml"
plain="$out/fashion-mnist-grid-9.yaml"
# The same spec without early stopping (and so another sweep).
grep -v '^early_terminate:' "$asha" | sed 's/^name: fashion-mnist-asha/name: fashion-mnist-grid-9/' > "$plain"
for spec in "$plain" "$asha"; do
  start=$(date +%s.%N)
  "$root/scripts/sweepgrid" run "$spec" --results "$out/results" --json > "$out/$(basename "$spec" .yaml).json"
  end=$(date +%s.%N)
  python3 - "$out/$(basename "$spec" .yaml).json" "$out/results" "$start" "$end" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
sweep = report["sweep"]["sweep_id"]
trials = [json.loads(l) for l in open(f"{sys.argv[2]}/{sweep}/trials.jsonl")]
epochs = sum(len(t["history"]) for t in trials)
status = {}
for t in trials:
    status[t["status"]] = status.get(t["status"], 0) + 1
best = report["best"]
config = best["config"]
print(f"{sweep}: {epochs} epochs trained of {len(trials) * trials[0]['config']['epochs']}, "
      f"wall {float(sys.argv[4]) - float(sys.argv[3]):.0f} s, {status}; best {config['optimizer']} lr {config['learning_rate']} "
      f"dropout {config['dropout']}: val_accuracy {best['metrics']['val_accuracy']:.4f}")
PY
done
