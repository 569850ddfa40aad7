#!/usr/bin/env python3
"""The example grid (optimizer x learning rate x dropout, 27 trials) as an Optuna study of plain PyTorch trials.

The peer of `sweepgrid run examples/fashion-mnist-optimizers.yaml` for bench/Bundles/peer.sh: Optuna's GridSampler over the
same 27 configurations, n_jobs=2 (two trials at a time, as SweepGrid's two CPU slots), torch.set_num_threads(1), the seed MLP
of bench/Gpu/pytorch_mlp.py (784-128 ReLU BatchNorm Dropout-64 GELU-32 Tanh-10), batch 128, Fashion-MNIST with 10 % held
out for validation, pixels in [-1, 1]. Each trial trains its epochs, evaluates the validation set after each epoch (reported
to the study) and the test set at the end, as SweepGrid's trials do. Prints one JSON object: wall time, training samples/s
over the study, the best trial. Usage: optuna_peer.py [--epochs 2] [--jobs 2] [--data FOLDER]
"""
import argparse
import json
import os
import sys
import threading
import time

import optuna
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Gpu"))
from pytorch_mlp import model, read_idx  # noqa: E402  (the same model and reader as the GPU peer)

SPACE = {"optimizer": ["sgd", "adam", "rmsprop"], "learning_rate": [0.04, 0.01, 0.001], "dropout": [0.0, 0.2, 0.5]}
OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "rmsprop": torch.optim.RMSprop}


def accuracy(net, x, y, batch):
    net.eval()
    correct = 0
    with torch.no_grad():
        for first in range(0, len(y), batch):
            correct += (net(x[first:first + batch]).argmax(1) == y[first:first + batch]).sum().item()
    return correct / len(y)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("SWEEPGRID_DATA", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()

    torch.set_num_threads(1)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    images = read_idx(args.data, "train-images-idx3-ubyte").reshape(-1, 784).float() / 127.5 - 1.0
    labels = read_idx(args.data, "train-labels-idx1-ubyte").long()
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(42))
    cut = int(len(labels) * 0.9)
    x, y = images[order[:cut]].contiguous(), labels[order[:cut]].contiguous()
    vx, vy = images[order[cut:]].contiguous(), labels[order[cut:]].contiguous()
    tx = read_idx(args.data, "t10k-images-idx3-ubyte").reshape(-1, 784).float() / 127.5 - 1.0
    ty = read_idx(args.data, "t10k-labels-idx1-ubyte").long()
    seeding = threading.Lock()

    def objective(trial):
        config = {name: trial.suggest_categorical(name, values) for name, values in SPACE.items()}
        with seeding:  # the global generator initializes the weights; one trial at a time seeds and draws from it
            torch.manual_seed(42)
            net = model(config["dropout"])
        optimizer = OPTIMIZERS[config["optimizer"]](net.parameters(), lr=config["learning_rate"])
        shuffle = torch.Generator().manual_seed(42)
        value = 0.0
        for epoch in range(1, args.epochs + 1):
            net.train()
            permutation = torch.randperm(len(y), generator=shuffle)
            for first in range(0, len(y), args.batch_size):
                index = permutation[first:first + args.batch_size]
                if len(index) == 1:
                    break
                optimizer.zero_grad()
                loss = F.cross_entropy(net(x.index_select(0, index)), y.index_select(0, index))
                loss.backward()
                optimizer.step()
            value = accuracy(net, vx, vy, 1024)
            trial.report(value, epoch)
        trial.set_user_attr("test_accuracy", accuracy(net, tx, ty, 1024))
        return value

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.GridSampler(SPACE, seed=42))
    start = time.perf_counter()
    study.optimize(objective, n_trials=27, n_jobs=args.jobs)
    wall = time.perf_counter() - start
    trials = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    best = study.best_trial
    print(json.dumps({"framework": f"optuna {optuna.__version__} + pytorch {torch.__version__}", "trials": len(trials),
                      "epochs": args.epochs, "jobs": args.jobs, "wall_seconds": round(wall, 1),
                      "training_samples_per_second": round(len(trials) * args.epochs * len(y) / wall),
                      "best": {**best.params, "val_accuracy": round(best.value, 4),
                               "test_accuracy": round(best.user_attrs["test_accuracy"], 4)}}), flush=True)


if __name__ == "__main__":
    main()
