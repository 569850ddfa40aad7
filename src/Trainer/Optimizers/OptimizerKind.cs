namespace SweepGrid.Trainer.Optimizers;

public enum OptimizerKind
{
    Sgd,
    Adam,
    RmsProp,
}
