#!/usr/bin/env bash
# GPU benchmark, run on a machine with an NVIDIA GPU and PyTorch but no .NET (see bench/RESULTS.md):
#   here:  ../shared/gpu/pack.sh src/Client/SweepGrid.Client.csproj --data      (packs sweepgrid into .gpu/;
#          .gpu/data may be replaced by .gpu/data.tar.xz, an xz tar of the uncompressed IDX files)
#   there: bash bench/Gpu/gpu-bench.sh OUT_DIR                 (about 6 minutes on an H200; the device tool's run
#          with carry [".gpu"] and timeout_s 600)
# On cuda:0, the seed MLP (batch 128, Fashion-MNIST), most important figures first:
#   1. one trial with `sweepgrid train`, with the process's CPU time against its wall time (a host-bound loop keeps
#      one core busy all the time), and, where nsys is installed, where the host time goes (CUDA API calls)
#   2. the same loop in plain PyTorch eager (bench/Gpu/pytorch_mlp.py), the baseline of every ratio
#   3. fused bundles: K = 1, 9, 27, 81 Adam trials (learning rates spread log-uniformly) as one `sweepgrid run --bundle K`
#      on one slot; aggregate training samples/s (each member's median epoch after the first, summed) against 2.
#   4. the example sweep (27 trials) with `--device cuda --bundle 27` on cuda:0 x3 (three bundles of nine), wall time
#   5. the same sweep with `--bundle 1` (each trial alone) on cuda:0 x3, wall time (the in-run baseline of 4)
#   6. three plain PyTorch processes side by side
# Each part prints its figures as soon as it ends, so a run cut short still leaves the first ones.
# To try the script without a GPU: SWEEPGRID_APP="dotnet src/Client/bin/Release/net10.0/sweepgrid.dll" DEVICE=cpu
#   TRAIN_LIMIT=3000 EPOCHS=2 BUNDLES="1 3" PARTS="1 2 3" PYTHON=/usr/bin/python3 bash bench/Gpu/gpu-bench.sh OUT
set -euo pipefail
out=$(realpath -m "${1:-gpu-results}")
mkdir -p "$out"
root=$(cd "$(dirname "$0")/../.." && pwd)
device=${DEVICE:-cuda}
epochs=${EPOCHS:-4}
bundles=${BUNDLES:-1 9 27 81}
parts=" ${PARTS:-1 2 3 4 5 6} "
python=${PYTHON:-python3}
if [[ -n ${SWEEPGRID_APP:-} ]]; then
  read -r -a sweepgrid <<< "$SWEEPGRID_APP"
  export SWEEPGRID_DATA=${SWEEPGRID_DATA:-/usr/share/datasets/fashion-mnist}
else
  app=/tmp/sweepgrid-app
  rm -rf "$app" && mkdir -p "$app" && tar -C "$app" -xJf "$root/.gpu/app.tar.xz"
  sweepgrid=("$app/sweepgrid")
  TORCH_LIB=$("$python" -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')
  data="$root/.gpu/data"
  # Fashion-MNIST as packed by pack.sh --data, or as one .tar.xz of the raw IDX files (smaller, for tight transfer limits).
  if [[ -f $root/.gpu/data.tar.xz ]]; then data=/tmp/sweepgrid-data; rm -rf "$data" && mkdir -p "$data" && tar -C "$data" -xJf "$root/.gpu/data.tar.xz"; fi
  export LD_LIBRARY_PATH="$TORCH_LIB:${LD_LIBRARY_PATH:-}" SWEEPGRID_LIBTORCH="$TORCH_LIB" SWEEPGRID_DATA="$data"
fi
pytorch=("$python" "$root/bench/Gpu/pytorch_mlp.py" --data "$SWEEPGRID_DATA" --device "$device" --epochs "$epochs")
limit=${TRAIN_LIMIT:+, train_limit: $TRAIN_LIMIT}
median_after_first() { "$python" -c '
import json,statistics,sys
rates=[e["samples_per_second"] for e in json.load(sys.stdin)["history"]][1:]
print(round(statistics.median(rates)))'; }
wants() { [[ $parts == *" $1 "* ]]; }

{ command -v nvidia-smi > /dev/null && nvidia-smi -L; "$python" -c 'import torch;print("pytorch", torch.__version__, "cuda", torch.version.cuda)'; nproc; } | tee "$out/machine.txt"

if wants 1; then
  echo "== 1. sweepgrid train, one trial on $device"
  TIMEFORMAT='process: %R s wall, %U s user, %S s sys'
  { time timeout 300 "${sweepgrid[@]}" train --device "$device" --optimizer adam --epochs "$epochs" ${TRAIN_LIMIT:+--train-limit "$TRAIN_LIMIT"} --json > "$out/train.json" 2> "$out/train.log"; } 2> "$out/train.time"
  train_rate=$(median_after_first < "$out/train.json")
  echo "sweepgrid train: $train_rate samples/s (test accuracy $("$python" -c 'import json;print(json.load(open("'"$out/train.json"'"))["test_accuracy"])')); $(cat "$out/train.time")"
  if command -v nsys > /dev/null; then
    # Where the host time of one epoch goes: the CUDA API calls (launches, copies, synchronizations) by total time.
    timeout 240 nsys profile --trace=cuda --sample=none --cpuctxsw=none -o "$out/train-profile" --force-overwrite true \
      "${sweepgrid[@]}" train --device "$device" --optimizer adam --epochs 1 --json > /dev/null 2>> "$out/train.log" || true
    timeout 120 nsys stats --report cuda_api_sum,cuda_gpu_kern_sum --format csv --output "$out/train-profile" "$out/train-profile.nsys-rep" > /dev/null 2>&1 || true
    for report in "$out"/train-profile_cuda_api_sum.csv "$out"/train-profile_cuda_gpu_kern_sum.csv; do
      [[ -f $report ]] && { echo "-- $(basename "$report" .csv): the top 8"; head -9 "$report" | cut -d, -f1-9; }
    done
  else
    echo "(nsys is not installed: no CUDA API breakdown)"
  fi
fi

pytorch_rate=0
if wants 2; then
  echo "== 2. plain PyTorch eager, one process"
  timeout 300 "${pytorch[@]}" --optimizer adam ${TRAIN_LIMIT:+--train-limit "$TRAIN_LIMIT"} > "$out/pytorch.jsonl"
  pytorch_rate=$(tail -1 "$out/pytorch.jsonl" | "$python" -c 'import json,sys;print(json.load(sys.stdin)["median_samples_per_second"])')
  echo "pytorch: $pytorch_rate samples/s"
fi

if wants 3; then
  echo "== 3. fused bundles of K Adam trials on $device, one slot"
  for k in $bundles; do
    spec="$out/bundle-$k.yaml"
    "$python" - "$spec" "$k" "$epochs" "$limit" <<'PY'
import sys
path, k, epochs, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rates = ", ".join(repr(round(10 ** (-4 + 2 * i / max(1, k - 1)), 8)) for i in range(k))
open(path, "w").write(f"""name: gpu-bundle-{k}
dataset: {{name: fashion-mnist, validation_split: 0.1{limit}}}
model: {{hidden: [128, 64, 32], activations: [relu, gelu, tanh], batch_norm: true, dropout: 0.2}}
training: {{epochs: {epochs}, batch_size: 128, seed: 42, optimizer: adam}}
method: grid
metric: {{name: val_accuracy, goal: maximize}}
parameters:
  learning_rate: {{values: [{rates}]}}
""")
PY
    start=$(date +%s.%N)
    timeout 400 "${sweepgrid[@]}" run "$spec" --device "$device" --slots "$device x1" --bundle "$k" --json --results "$out/bundle-$k" > "$out/bundle-$k.json" 2> "$out/bundle-$k.log"
    wall=$("$python" -c "print(round($(date +%s.%N) - $start, 1))")
    "$python" - "$out" "$k" "$wall" "$pytorch_rate" <<'PY'
import glob, json, statistics, sys
out, k, wall, pytorch = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
trials = [json.loads(l) for f in glob.glob(f"{out}/bundle-{k}/*/trials.jsonl") for l in open(f)]
bundles = {t.get("bundle") for t in trials}
rates = [statistics.median([e["samples_per_second"] for e in t["history"][1:]] or [t["history"][0]["samples_per_second"]]) for t in trials]
total = sum(rates)
line = (f"K={k}: {len(trials)} trials in {wall} s wall, {len(bundles)} bundle label(s); aggregate {total:,.0f} training samples/s "
        f"(member median {statistics.median(rates):,.0f})")
if pytorch > 0:
    line += f"; {total / pytorch:.1f}x one PyTorch eager trial"
print(line)
json.dump({"k": k, "wall_seconds": float(wall), "aggregate_samples_per_second": total}, open(f"{out}/bundle-{k}.summary.json", "w"))
PY
  done
fi

sweep() { # $1: --bundle value, $2: name
  local start wall
  start=$(date +%s.%N)
  timeout 400 "${sweepgrid[@]}" run "$root/examples/fashion-mnist-optimizers.yaml" --device "$device" --slots "$device x3" --bundle "$1" --json --results "$out/sweep-$2" > "$out/sweep-$2.json" 2> "$out/sweep-$2.log"
  wall=$("$python" -c "print(round($(date +%s.%N) - $start, 1))")
  "$python" - "$out" "$2" "$wall" "$1" <<'PY'
import glob, json, statistics, sys
out, name, wall, k = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
run = json.load(open(f"{out}/sweep-{name}.json"))
trials = [json.loads(l) for f in glob.glob(f"{out}/sweep-{name}/*/trials.jsonl") for l in open(f)]
best = run["best"]
print(f"example sweep --bundle {k} on x3: {len(trials)} trials in {wall} s wall; best {best['config']['optimizer']} "
      f"lr={best['config']['learning_rate']} dropout={best['config']['dropout']} val_accuracy {best['metrics']['val_accuracy']:.4f} "
      f"test_accuracy {best['metrics']['test_accuracy']:.4f}")
PY
}
if wants 4; then echo "== 4. the example sweep, --bundle 27"; sweep 27 bundled; fi
if wants 5; then echo "== 5. the example sweep, --bundle 1"; sweep 1 alone; fi

if wants 6; then
  echo "== 6. plain PyTorch, three processes side by side"
  for opt in sgd adam rmsprop; do
    timeout 300 "${pytorch[@]}" --optimizer "$opt" > "$out/pytorch-$opt.jsonl" &
  done
  wait
  for opt in sgd adam rmsprop; do
    echo "pytorch $opt (1 of 3 at once): $(tail -1 "$out/pytorch-$opt.jsonl" | "$python" -c 'import json,sys;print(json.load(sys.stdin)["median_samples_per_second"])') samples/s"
  done
fi
