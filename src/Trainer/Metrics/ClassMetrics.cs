namespace SweepGrid.Trainer.Metrics;

public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, long Support);
