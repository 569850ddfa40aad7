#!/usr/bin/env bash
# GPU benchmark, run on a machine with an NVIDIA GPU and PyTorch but no .NET (see bench/RESULTS.md):
#   here:  ../shared/gpu/pack.sh src/Client/SweepGrid.Client.csproj --data      (packs sweepgrid into .gpu/;
#          .gpu/data may be replaced by .gpu/data.tar.xz, an xz tar of the uncompressed IDX files)
#   there: bash bench/Gpu/gpu-bench.sh OUT_DIR
# It measures, on cuda:0, the same seed MLP (batch 128, Fashion-MNIST) four ways:
#   1. one trial with `sweepgrid train`                  2. the same loop in plain PyTorch (bench/Gpu/pytorch_mlp.py)
#   3. the example sweep with `sweepgrid run`, 3 slots   4. three plain PyTorch processes side by side
# and prints per-trial samples/s (median of the epochs after the first) next to each other.
set -euo pipefail
out=$(realpath -m "${1:-gpu-results}")
mkdir -p "$out"
root=$(cd "$(dirname "$0")/../.." && pwd)
app=/tmp/sweepgrid-app
rm -rf "$app" && mkdir -p "$app" && tar -C "$app" -xJf "$root/.gpu/app.tar.xz"
TORCH_LIB=$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')
data="$root/.gpu/data"
# Fashion-MNIST as packed by pack.sh --data, or as one .tar.xz of the raw IDX files (smaller, for tight transfer limits).
if [[ -f $root/.gpu/data.tar.xz ]]; then data=/tmp/sweepgrid-data; rm -rf "$data" && mkdir -p "$data" && tar -C "$data" -xJf "$root/.gpu/data.tar.xz"; fi
export LD_LIBRARY_PATH="$TORCH_LIB:${LD_LIBRARY_PATH:-}" SWEEPGRID_LIBTORCH="$TORCH_LIB" SWEEPGRID_DATA="$data"
pytorch=(python3 "$root/bench/Gpu/pytorch_mlp.py" --data "$SWEEPGRID_DATA" --device cuda --epochs 4)
median_after_first() { python3 -c '
import json,statistics,sys
rates=[e["samples_per_second"] for e in json.load(sys.stdin)["history"]][1:]
print(round(statistics.median(rates)))'; }

{ nvidia-smi -L; python3 -c 'import torch;print("pytorch", torch.__version__, "cuda", torch.version.cuda)'; nproc; } | tee "$out/machine.txt"

echo "== 1. sweepgrid train, one trial on cuda:0"
timeout 300 "$app/sweepgrid" train --device cuda --optimizer adam --epochs 4 --json > "$out/train.json" 2> "$out/train.log"
train_rate=$(median_after_first < "$out/train.json")
echo "sweepgrid train: $train_rate samples/s (test accuracy $(python3 -c 'import json;print(json.load(open("'"$out/train.json"'"))["test_accuracy"])'))"

echo "== 2. plain PyTorch, one process"
timeout 300 "${pytorch[@]}" --optimizer adam > "$out/pytorch.jsonl"
pytorch_rate=$(tail -1 "$out/pytorch.jsonl" | python3 -c 'import json,sys;print(json.load(sys.stdin)["median_samples_per_second"])')
echo "pytorch: $pytorch_rate samples/s"

echo "== 3. sweepgrid run examples/fashion-mnist-optimizers.yaml on cuda:0 x3"
start=$(date +%s.%N)
timeout 400 "$app/sweepgrid" run "$root/examples/fashion-mnist-optimizers.yaml" --device cuda --slots "cuda:0 x3" --json --results "$out/results" > "$out/run.json" 2> "$out/run.log"
wall=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
python3 - "$out" "$wall" <<'PY'
import glob, json, statistics, sys
out, wall = sys.argv[1], sys.argv[2]
run = json.load(open(f"{out}/run.json"))
trials = [json.loads(l) for f in glob.glob(f"{out}/results/*/trials.jsonl") for l in open(f)]
rates = [statistics.median([e["samples_per_second"] for e in t["history"][1:]]) for t in trials if len(t["history"]) > 1]
best = run["best"]
print(f"sweep: {len(trials)} trials in {wall} s wall; per-trial samples/s median {round(statistics.median(rates))} "
      f"(min {round(min(rates))}, max {round(max(rates))}); sum of 3 concurrent ≈ {round(3 * statistics.median(rates))}")
print(f"best: {best['config']['optimizer']} lr={best['config']['learning_rate']} dropout={best['config']['dropout']} "
      f"val_accuracy {best['metrics']['val_accuracy']:.4f} test_accuracy {best['metrics']['test_accuracy']:.4f}")
PY

echo "== 4. plain PyTorch, three processes side by side"
for opt in sgd adam rmsprop; do
  timeout 300 "${pytorch[@]}" --optimizer "$opt" > "$out/pytorch-$opt.jsonl" &
done
wait
for opt in sgd adam rmsprop; do
  echo "pytorch $opt (1 of 3 at once): $(tail -1 "$out/pytorch-$opt.jsonl" | python3 -c 'import json,sys;print(json.load(sys.stdin)["median_samples_per_second"])') samples/s"
done
