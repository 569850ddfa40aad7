using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SweepGrid.Contracts.Dispatch;
using SweepGrid.Contracts.Trials;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Silo.Workers;

/// <summary>
/// Stands in for training in orchestration tests and benchmarks: each epoch waits a set time; metrics come
/// from the configuration alone, so a sweep's leaderboard is the same whatever happened to its silos; a
/// checkpoint file records the last epoch, and <see cref="EpochsRun"/> counts epochs actually executed.
/// </summary>
public sealed class FakeTrialExecutor(IOptions<FakeExecutorOptions> options) : ITrialExecutor
{
    private const string CheckpointFile = "fake-checkpoint.txt";
    private readonly FakeExecutorOptions _options = options.Value;
    private long _epochsRun;

    public long EpochsRun => Interlocked.Read(ref _epochsRun);

    public ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        var config = lease.Config;
        var path = Path.Combine(checkpoints.Directory, CheckpointFile);
        var resumed = checkpoints.Earlier.Prepend(checkpoints.Directory).Select(SavedEpoch).Where(e => e <= config.Epochs).DefaultIfEmpty(0).Max();
        var quality = Quality(config);
        var history = Enumerable.Range(1, resumed).Select(e => Epoch(config, quality, e)).ToList();
        for (var epoch = resumed + 1; epoch <= config.Epochs; epoch++)
        {
            if (_options.EpochDuration > TimeSpan.Zero ? cancellation.WaitHandle.WaitOne(_options.EpochDuration) : cancellation.IsCancellationRequested)
            {
                return new ExecutionResult(TrialOutcome.Interrupted, "interrupted", null, resumed, history);
            }

            Interlocked.Increment(ref _epochsRun);
            if (_options.Checkpoints)
            {
                Directory.CreateDirectory(checkpoints.Directory);
                File.WriteAllText(path, epoch.ToString(CultureInfo.InvariantCulture));
            }

            history.Add(Epoch(config, quality, epoch));
            var answer = onEpoch(history[^1]);
            if (answer.Stop)
            {
                return new ExecutionResult(TrialOutcome.Stopped, answer.Reason, null, resumed, history);
            }
        }

        var metrics = new TrialMetrics
        {
            ValAccuracy = quality,
            ValLoss = 2.3 * (1 - quality),
            ValMacroF1 = quality - 0.01,
            TestAccuracy = quality - 0.005,
            TestLoss = 2.3 * (1 - quality) + 0.01,
            TestMacroF1 = quality - 0.015,
            SamplesPerSecond = 1000,
            // Lists, as the real executor produces: the serializer has a slow path for other collection types.
            ClassNames = new List<string> { "a", "b" },
            ConfusionMatrix = new List<IReadOnlyList<long>> { new List<long> { 50, 0 }, new List<long> { 0, 50 } },
            ClassificationReport = new List<ClassScore>(),
        };
        return new ExecutionResult(TrialOutcome.Completed, null, metrics, resumed, history, _options.Checkpoints ? path : null);
    }

    // The epoch a folder's fake checkpoint records; 0 when there is none or it is unreadable (a torn write starts over).
    private static int SavedEpoch(string folder) =>
        File.Exists(Path.Combine(folder, CheckpointFile))
        && int.TryParse(File.ReadAllText(Path.Combine(folder, CheckpointFile)), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? epoch : 0;

    private EpochMetrics Epoch(TrialConfig config, double quality, int epoch)
    {
        var progress = (double)epoch / config.Epochs;
        return new EpochMetrics(epoch, config.Epochs, 2.3 * (1 - quality * progress), quality * progress,
            2.3 * (1 - quality * progress), quality * progress, config.LearningRate, _options.EpochDuration.TotalSeconds, 1000);
    }

    /// <summary>A stable accuracy in [0.5, 0.95) drawn from the configuration's canonical text.</summary>
    public static double Quality(TrialConfig config)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(config.ToCanonicalText()));
        return 0.5 + 0.45 * (BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue);
    }
}
