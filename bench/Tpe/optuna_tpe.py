"""Optuna's TPE (its defaults) on the space of space.yaml, each trial one `sweepgrid train --json` process: the same
trainer and the same function SweepGrid's sweeps optimize. Usage: optuna_tpe.py SWEEPGRID_DLL SEED TRIALS OUT.jsonl"""
import json
import subprocess
import sys

import optuna

dll, seed, trials, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
optuna.logging.set_verbosity(optuna.logging.WARNING)


def objective(trial):
    config = {
        "optimizer": trial.suggest_categorical("optimizer", ["sgd", "adam", "rmsprop"]),
        "learning_rate": trial.suggest_float("learning_rate", 1e-4, 1e-1, log=True),
        "dropout": trial.suggest_float("dropout", 0.0, 0.5),
        "weight_decay": trial.suggest_float("weight_decay", 1e-6, 1e-2, log=True),
    }
    command = ["dotnet", dll, "train", "--json", "--dataset", "fashion-mnist", "--validation-split", "0.1",
               "--train-limit", "10000", "--epochs", "3", "--batch-size", "128", "--seed", "42",
               "--optimizer", config["optimizer"], "--learning-rate", repr(config["learning_rate"]),
               "--dropout", repr(config["dropout"]), "--weight-decay", repr(config["weight_decay"])]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    value = result["val_accuracy"]
    with open(out, "a") as f:
        f.write(json.dumps({"number": trial.number, "config": config, "val_accuracy": value}) + "\n")
    return value


study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
study.optimize(objective, n_trials=trials)
