#!/usr/bin/env bash
# TPE against random search and against Optuna's TPE on the example TPE space (space.yaml), 30 trials each, seeds 1-5.
# SweepGrid's sweeps run on one slot, Optuna's trials one at a time: each method sees every result before its next
# suggestion. Usage: bash bench/Tpe/run.sh [OUT_FOLDER] [SEEDS]   (needs python3-optuna: apt-get install python3-optuna)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$(mktemp -d)}
seeds=${2:-"1 2 3 4 5"}
mkdir -p "$out"
# Debian's python3-optuna is for Debian's python3, which another python3 first on PATH (pyenv) would not see.
py=$([ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
bash "$root/scripts/provision.sh" >&2
dotnet build "$root/src/Client/SweepGrid.Client.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
# A copy of the build, so that rebuilding the checkout meanwhile changes nothing under the benchmark.
rm -rf "$out/bin" && cp -r "$root/src/Client/bin/Release/net10.0" "$out/bin"
dll="$out/bin/sweepgrid.dll"
sweeps() {
  for seed in $seeds; do
    for method in tpe random; do
      sed "s/METHOD/$method/; s/SEED/$seed/" "$root/bench/Tpe/space.yaml" > "$out/$method-$seed.yaml"
      dotnet "$dll" run "$out/$method-$seed.yaml" --results "$out/results" --slots "cpu x1" --json > "$out/$method-$seed.json"
      id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sweep"]["sweep_id"])' "$out/$method-$seed.json")
      # In the order the trials started, which on one slot is the order they were suggested.
      python3 -c 'import json,sys; t=[json.loads(l) for l in open(sys.argv[1])]; t.sort(key=lambda x: x["started_at"]); print("\n".join(str(x["metrics"]["val_accuracy"]) for x in t))' \
        "$out/results/$id/trials.jsonl" > "$out/$method-$seed.values"
    done
  done
}
optuna_runs() {
  for seed in $seeds; do
    rm -f "$out/optuna-$seed.jsonl"
    "$py" "$root/bench/Tpe/optuna_tpe.py" "$dll" "$seed" 30 "$out/optuna-$seed.jsonl"
    python3 -c 'import json,sys; print("\n".join(str(json.loads(l)["val_accuracy"]) for l in open(sys.argv[1])))' "$out/optuna-$seed.jsonl" > "$out/optuna-$seed.values"
  done
}
# One core each: the sweeps and Optuna's trials side by side (ONLY=sweeps or ONLY=optuna runs one of them).
case "${ONLY:-}" in
  sweeps) sweeps ;;
  optuna) optuna_runs ;;
  *) sweeps & optuna_runs & wait ;;
esac
python3 "$root/bench/Tpe/summarize.py" "$out"
