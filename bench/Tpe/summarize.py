"""Best validation accuracy after 10, 20 and 30 trials, per method and seed, from run.sh's folder."""
import json
import os
import statistics
import sys

folder = sys.argv[1]
methods = ["tpe", "random", "optuna"]
checkpoints = [10, 20, 30]
best = {m: {} for m in methods}
for entry in sorted(os.listdir(folder)):
    if not entry.endswith(".values"):
        continue
    method, seed = entry[:-len(".values")].split("-")
    values = [float(v) for v in open(os.path.join(folder, entry)).read().split()]
    best[method][int(seed)] = [max(values[:n]) if len(values) >= n else float("nan") for n in checkpoints]

print("| method | " + " | ".join(f"best after {n} (mean ± sd over seeds)" for n in checkpoints) + " | per seed after 30 |")
print("|---|" + "---|" * (len(checkpoints) + 1))
for method in methods:
    if not best[method]:
        continue
    cells = []
    for i in range(len(checkpoints)):
        column = [b[i] for b in best[method].values()]
        cells.append(f"{statistics.mean(column):.4f} ± {statistics.stdev(column) if len(column) > 1 else 0:.4f}")
    seeds = ", ".join(f"{s}: {b[-1]:.4f}" for s, b in sorted(best[method].items()))
    print(f"| {method} | " + " | ".join(cells) + f" | {seeds} |")
