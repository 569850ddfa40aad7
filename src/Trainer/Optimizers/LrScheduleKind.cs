namespace SweepGrid.Trainer.Optimizers;

public enum LrScheduleKind
{
    Constant,

    /// <summary>Multiply by Gamma every StepSize epochs.</summary>
    Step,

    /// <summary>Cosine annealing from the learning rate to MinLearningRate over the trial's epochs.</summary>
    Cosine,
}
