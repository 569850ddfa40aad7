#!/usr/bin/env python3
"""The SweepGrid seed MLP trained in plain PyTorch, with the same loop as SweepGrid's trainer.

Baseline for the GPU benchmark: run next to `sweepgrid train/run --device cuda` on the same machine, it shows
what the same model and batch loop reach without SweepGrid (TorchSharp, Orleans, checkpoints, reports).
Model: Linear 784→128, ReLU, BatchNorm, Dropout → Linear 128→64, GELU → Linear 64→32, Tanh → Linear 32→10.
Data: Fashion-MNIST IDX files (raw or .gz), pixels scaled to [-1, 1], the first 90 % of a seeded permutation
trained on. Per epoch: a device-side permutation, index_select batches, loss and accuracy summed on the device.
Prints one JSON object: the median training samples/s over the epochs after the first (warm-up).
"""
import argparse
import gzip
import json
import os
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(folder, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as f:
                data = f.read()
            dims = data[3]
            shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
            return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)
    raise SystemExit(f"{stem}[.gz] not found in {folder}")


def model(dropout):
    return nn.Sequential(
        nn.Linear(784, 128), nn.ReLU(), nn.BatchNorm1d(128), nn.Dropout(dropout),
        nn.Linear(128, 64), nn.GELU(),
        nn.Linear(64, 32), nn.Tanh(),
        nn.Linear(32, 10))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("SWEEPGRID_DATA", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--optimizer", default="adam", choices=["sgd", "adam", "rmsprop"])
    parser.add_argument("--lr", type=float, default=None)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--train-limit", type=int, default=None, help="use only the first N training images (a quick try)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    images = read_idx(args.data, "train-images-idx3-ubyte").reshape(-1, 784).float() / 127.5 - 1.0
    labels = read_idx(args.data, "train-labels-idx1-ubyte").long()
    if args.train_limit:
        images, labels = images[: args.train_limit], labels[: args.train_limit]
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(42))
    train = order[: int(len(labels) * 0.9)]
    x, y = images[train].to(device), labels[train].to(device)

    torch.manual_seed(42)
    net = model(args.dropout).to(device)
    lr = args.lr if args.lr is not None else (0.04 if args.optimizer == "sgd" else 0.001)
    optimizer = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "rmsprop": torch.optim.RMSprop}[args.optimizer](net.parameters(), lr=lr)

    rates = []
    for epoch in range(1, args.epochs + 1):
        net.train()
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        permutation = torch.randperm(len(y), device=device)
        loss_sum = torch.zeros(1, dtype=torch.float64, device=device)
        correct = torch.zeros(1, dtype=torch.int64, device=device)
        for first in range(0, len(y), args.batch_size):
            index = permutation[first:first + args.batch_size]
            if len(index) == 1:
                break
            inputs, targets = x.index_select(0, index), y.index_select(0, index)
            optimizer.zero_grad()
            logits = net(inputs)
            loss = F.cross_entropy(logits, targets)
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                loss_sum += loss.detach().double() * len(index)
                correct += (logits.argmax(1) == targets).sum()
        mean_loss = loss_sum.item() / len(y)  # the .item() waits for the device, as SweepGrid's trainer does
        seconds = time.perf_counter() - start
        rates.append(len(y) / seconds)
        print(json.dumps({"epoch": epoch, "loss": round(mean_loss, 4), "accuracy": round(correct.item() / len(y), 4),
                          "seconds": round(seconds, 3), "samples_per_second": round(len(y) / seconds)}), flush=True)

    steady = rates[1:] or rates
    print(json.dumps({"framework": "pytorch " + torch.__version__, "device": str(device), "optimizer": args.optimizer,
                      "batch_size": args.batch_size, "epochs": args.epochs,
                      "median_samples_per_second": round(statistics.median(steady))}), flush=True)


if __name__ == "__main__":
    main()
