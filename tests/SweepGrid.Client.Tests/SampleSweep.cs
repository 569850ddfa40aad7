using SweepGrid.Client.Results;
using SweepGrid.Contracts.Leaderboards;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Tests;

/// <summary>A hand-made sweep: five completed trials over three optimizers, one diverged, one failed, one still pending.</summary>
public static class SampleSweep
{
    public const string SweepId = "sweep-1";
    public const string Spec = "name: optimizers\nsearch:\n  method: grid\n";

    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>(optimizer, learning rate, dropout, validation accuracy) of the completed trials.</summary>
    public static readonly (string Optimizer, double Lr, double Dropout, double ValAccuracy)[] Completed =
    [
        ("sgd", 0.01, 0.2, 0.81),
        ("sgd", 0.04, 0.5, 0.84),
        ("adam", 0.001, 0.2, 0.88),
        ("adam", 0.003, 0.5, 0.86),
        ("rmsprop", 0.001, 0.2, 0.87),
    ];

    public static TrialConfig Config(string optimizer, double lr, double dropout, string? datasetPath = null) => new()
    {
        Optimizer = optimizer,
        LearningRate = lr,
        Dropout = dropout,
        DatasetPath = datasetPath,
        Hidden = [64, 32],
        Activations = ["relu", "tanh"],
        Epochs = 5,
    };

    public static SweepResults Results(string? datasetPath = null)
    {
        var trials = new List<TrialSnapshot>();
        foreach (var (optimizer, lr, dropout, accuracy) in Completed)
        {
            trials.Add(CompletedTrial(Config(optimizer, lr, dropout, datasetPath), accuracy));
        }

        var diverged = Config("sgd", 0.5, 0.2, datasetPath);
        trials.Add(new TrialSnapshot
        {
            SweepId = SweepId,
            TrialId = TrialId.Of(diverged).Value,
            Config = diverged,
            Status = TrialStatus.Diverged,
            Attempt = 1,
            Silo = "silo-a",
            Device = "cpu",
            Reason = "loss became NaN in epoch 2",
            History = [new EpochMetrics(1, 5, 2.3, 0.1, 2.2, 0.1, 0.5, 1.0, 1000), new EpochMetrics(2, 5, double.NaN, 0.1, null, null, 0.5, 1.0, 1000)],
            StartedAt = Start,
            FinishedAt = Start.AddSeconds(2),
        });

        var failed = Config("adam", 0.01, 0.5, datasetPath);
        trials.Add(new TrialSnapshot
        {
            SweepId = SweepId,
            TrialId = TrialId.Of(failed).Value,
            Config = failed,
            Status = TrialStatus.Failed,
            Attempt = 3,
            Failures = 3,
            Silo = "silo-b",
            Device = "cuda:0",
            Reason = "lease expired 3 times",
        });

        var pending = Config("rmsprop", 0.01, 0.5, datasetPath);
        trials.Add(new TrialSnapshot { SweepId = SweepId, TrialId = TrialId.Of(pending).Value, Config = pending, Status = TrialStatus.Pending });

        var leaderboard = trials.Where(t => t.Status == TrialStatus.Completed)
            .OrderByDescending(t => t.Metrics!.ValAccuracy)
            .Select(t => new LeaderboardEntry(t.TrialId, t.Config!, t.Metrics!.ValAccuracy!.Value, t.Metrics, t.Attempt))
            .ToList();
        var status = new SweepStatus
        {
            SweepId = SweepId,
            Name = "optimizers",
            State = SweepState.Running,
            Total = trials.Count,
            Completed = 5,
            Diverged = 1,
            Failed = 1,
            Pending = 1,
            LaunchedAt = Start,
        };
        return new SweepResults(status, Spec, trials, leaderboard);
    }

    public static TrialSnapshot CompletedTrial(TrialConfig config, double accuracy, string? checkpointPath = null, string silo = "silo-a")
    {
        var history = Enumerable.Range(1, 5)
            .Select(e => new EpochMetrics(e, 5, 1.5 / e + (1 - accuracy), accuracy - 0.1 / e, 1.4 / e, accuracy - 0.08 / e + 0.016, config.LearningRate, 2.0, 5000))
            .ToList();
        return new TrialSnapshot
        {
            SweepId = SweepId,
            TrialId = TrialId.Of(config).Value,
            Config = config,
            Status = TrialStatus.Completed,
            Attempt = 1,
            Silo = silo,
            Device = "cpu",
            History = history,
            Metrics = Metrics(accuracy),
            CheckpointPath = checkpointPath,
            StartedAt = Start,
            FinishedAt = Start.AddSeconds(10),
        };
    }

    /// <summary>A diagonal-heavy matrix: 100 test images a class, most right, the rest confused with the next class.</summary>
    public static TrialMetrics Metrics(double accuracy)
    {
        var right = (long)Math.Round(accuracy * 100);
        var matrix = Enumerable.Range(0, 10)
            .Select(r => (IReadOnlyList<long>)Enumerable.Range(0, 10).Select(c => c == r ? right : c == (r + 1) % 10 ? 100 - right : 0L).ToList())
            .ToList();
        return new TrialMetrics
        {
            ValLoss = 0.4,
            ValAccuracy = accuracy,
            ValMacroF1 = accuracy - 0.01,
            TestLoss = 0.45,
            TestAccuracy = accuracy - 0.02,
            TestMacroF1 = accuracy - 0.03,
            SamplesPerSecond = 5000,
            ClassNames = ClassNames,
            ConfusionMatrix = matrix,
            ClassificationReport = ClassNames.Select(n => new ClassScore(n, accuracy, accuracy, accuracy, 100)).ToList(),
        };
    }
}
