#!/usr/bin/env bash
# The example grid at 2 epochs, in one run on this machine: `sweepgrid run --bundle K` for K = 1, 27 and auto (bench/Bundles/
# run.sh), then the same 27 trials as an Optuna study of plain PyTorch trials (bench/Bundles/optuna_peer.py: GridSampler,
# n_jobs=2, one intra-op thread), and how many times faster each SweepGrid run is than the peer (wall time) and
# ahead of --bundle 1. Usage: bash bench/Bundles/peer.sh [OUT_FOLDER] [K ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d)}
shift || true
sizes=("${@:-1 27 auto}")
epochs=${EPOCHS:-2}
mkdir -p "$out"
# Checked first, so a missing peer costs no SweepGrid runs. Debian's python3: a pyenv python3 first on PATH does not see
# python3-optuna / python3-torch.
if ! /usr/bin/python3 -c "import optuna, torch" 2>/dev/null; then
  echo "peer.sh: the peer needs Debian's python3-optuna and python3-torch: apt-get install --no-install-recommends python3-optuna python3-torch" >&2
  exit 1
fi
EPOCHS=$epochs bash "$here/run.sh" "$out" ${sizes[@]}
/usr/bin/python3 "$here/optuna_peer.py" --epochs "$epochs" --jobs 2 | tee "$out/optuna.json"
/usr/bin/python3 - "$out" ${sizes[@]} <<'PY'
import json, sys
out, sizes = sys.argv[1], sys.argv[2:]
peer = json.load(open(f"{out}/optuna.json"))
runs = {k: json.load(open(f"{out}/bundle-{k}.summary.json")) for k in sizes}
print(f"Optuna + PyTorch: wall {peer['wall_seconds']:.1f} s, {peer['training_samples_per_second']:,} training samples/s")
for k, run in runs.items():
    line = f"--bundle {k}: {peer['wall_seconds'] / run['wall_seconds']:.2f}x faster than Optuna + PyTorch (wall)"
    if "1" in runs and k != "1":
        line += f", {runs['1']['wall_seconds'] / run['wall_seconds']:.2f}x --bundle 1"
    print(line)
PY
