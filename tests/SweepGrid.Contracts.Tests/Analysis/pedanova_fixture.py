# Reference figures for PedAnovaImportanceTests.Matches_optuna_on_the_fixture_sweep.
# Run with Optuna 4.9.0 importable (e.g. its source tree on PYTHONPATH) and numpy:
#   PYTHONPATH=/path/to/optuna-4.9.0 python3 pedanova_fixture.py
# The 40 trials are the same formulas as FixtureSweep in the tests, so both sides see identical values.
import math

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.importance import PedAnovaImportanceEvaluator, get_param_importances

optuna.logging.set_verbosity(optuna.logging.ERROR)
CHOICES = ["sgd", "adam", "rmsprop"]
DISTS = {
    "lr": FloatDistribution(1e-4, 1e-1, log=True),
    "dropout": FloatDistribution(0.0, 0.5),
    "layers": IntDistribution(1, 4),
    "optimizer": CategoricalDistribution(CHOICES),
}


def trial(i):
    lr = 1e-4 * 1000 ** (((i * 7) % 40) / 39)
    dropout = ((i * 13) % 40) / 39 * 0.5
    layers = 1 + (i * 3) % 4
    optimizer = (i * 5) % 3
    objective = (math.log10(lr) + 2.5) ** 2 + 0.1 * dropout + (0 if optimizer == 1 else 0.3) + 0.05 * layers
    params = {"lr": lr, "dropout": dropout, "layers": layers, "optimizer": CHOICES[optimizer]}
    return optuna.trial.create_trial(params=params, distributions=DISTS, value=objective)


for direction, region in [("minimize", 1.0), ("minimize", 0.5), ("maximize", 1.0)]:
    study = optuna.create_study(direction=direction)
    study.add_trials([trial(i) for i in range(40)])
    evaluator = PedAnovaImportanceEvaluator(target_quantile=0.1, region_quantile=region)
    print(direction, region, {k: repr(v) for k, v in get_param_importances(study, evaluator=evaluator).items()})

# PedAnovaImportanceTests.A_log_scaled_parameter_is_judged_on_its_logarithm: the same 200 trials seen on a log and a linear scale.
GOLDEN = (1 + 5**0.5) / 2


def fraction(i, irrational):
    return ((i + 0.5) * irrational) % 1


for log in [True, False]:
    dists = {"lr": FloatDistribution(1e-5, 1, log=log), "x": FloatDistribution(0, 1)}
    trials = []
    for i in range(200):
        lr, x = 1e-5 * 1e5 ** fraction(i, GOLDEN), fraction(i, 2**0.5)
        value = abs(math.log10(lr) + 3) + 2 * x
        trials.append(optuna.trial.create_trial(params={"lr": lr, "x": x}, distributions=dists, value=value))
    study = optuna.create_study()
    study.add_trials(trials)
    importances = get_param_importances(study, evaluator=PedAnovaImportanceEvaluator())
    print("log" if log else "linear", {k: repr(v) for k, v in importances.items()})
