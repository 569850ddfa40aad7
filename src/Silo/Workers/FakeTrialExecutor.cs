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

    private int _largestBundle;

    public long EpochsRun => Interlocked.Read(ref _epochsRun);

    /// <summary>The most members one call trained together.</summary>
    public int LargestBundle => Volatile.Read(ref _largestBundle);

    public ExecutionResult Execute(TrialLease lease, string device, AttemptCheckpoints checkpoints,
        Func<EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation) =>
        ExecuteBundle([new BundleMember(lease, checkpoints)], device, (_, epoch) => onEpoch(epoch), cancellation)[0].Result!;

    /// <summary>Steps every member one epoch at a time, as a fused bundle does: one wait an epoch for all of them.</summary>
    public IReadOnlyList<MemberResult> ExecuteBundle(IReadOnlyList<BundleMember> members, string device,
        Func<int, EpochMetrics, EpochAnswer> onEpoch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(onEpoch);
        var runs = members.Select(m => new FakeRun(m, this)).ToList();
        for (var seen = LargestBundle; runs.Count > seen && Interlocked.CompareExchange(ref _largestBundle, runs.Count, seen) != seen; seen = LargestBundle)
        {
        }

        var results = new ExecutionResult?[runs.Count];
        var epochs = runs.Max(r => r.Config.Epochs);
        for (var epoch = 1; epoch <= epochs && results.Any(r => r is null); epoch++)
        {
            var training = Enumerable.Range(0, runs.Count).Where(i => results[i] is null && epoch > runs[i].Resumed).ToList();
            if (training.Count == 0)
            {
                continue;
            }

            if (_options.EpochDuration > TimeSpan.Zero ? cancellation.WaitHandle.WaitOne(_options.EpochDuration) : cancellation.IsCancellationRequested)
            {
                foreach (var i in Enumerable.Range(0, runs.Count).Where(i => results[i] is null))
                {
                    results[i] = new ExecutionResult(TrialOutcome.Interrupted, "interrupted", null, runs[i].Resumed, runs[i].History);
                }

                break;
            }

            foreach (var i in training)
            {
                var answer = onEpoch(i, runs[i].Train(epoch));
                if (answer.Stop)
                {
                    results[i] = new ExecutionResult(TrialOutcome.Stopped, answer.Reason, null, runs[i].Resumed, runs[i].History);
                }
                else if (epoch == runs[i].Config.Epochs)
                {
                    results[i] = runs[i].Completed();
                }
            }
        }

        // A member resumed from its last epoch's checkpoint has nothing left to train.
        return runs.Select((run, i) => new MemberResult(results[i] ?? run.Completed(), null)).ToList();
    }

    /// <summary>One member's fake training: where it resumed, its history, its checkpoint file.</summary>
    private sealed class FakeRun
    {
        private readonly FakeTrialExecutor _executor;
        private readonly AttemptCheckpoints _checkpoints;
        private readonly double _quality;

        public FakeRun(BundleMember member, FakeTrialExecutor executor)
        {
            _executor = executor;
            _checkpoints = member.Checkpoints;
            Config = member.Lease.Config;
            Resumed = _checkpoints.Earlier.Prepend(_checkpoints.Directory).Select(SavedEpoch).Where(e => e <= Config.Epochs).DefaultIfEmpty(0).Max();
            _quality = Quality(Config);
            History = Enumerable.Range(1, Resumed).Select(e => executor.Epoch(Config, _quality, e)).ToList();
        }

        public TrialConfig Config { get; }

        public int Resumed { get; }

        public List<EpochMetrics> History { get; }

        private string CheckpointPath => Path.Combine(_checkpoints.Directory, CheckpointFile);

        public EpochMetrics Train(int epoch)
        {
            Interlocked.Increment(ref _executor._epochsRun);
            if (_executor._options.Checkpoints)
            {
                Directory.CreateDirectory(_checkpoints.Directory);
                File.WriteAllText(CheckpointPath, epoch.ToString(CultureInfo.InvariantCulture));
            }

            History.Add(_executor.Epoch(Config, _quality, epoch));
            return History[^1];
        }

        public ExecutionResult Completed()
        {
            var metrics = new TrialMetrics
            {
                ValAccuracy = _quality,
                ValLoss = 2.3 * (1 - _quality),
                ValMacroF1 = _quality - 0.01,
                TestAccuracy = _quality - 0.005,
                TestLoss = 2.3 * (1 - _quality) + 0.01,
                TestMacroF1 = _quality - 0.015,
                SamplesPerSecond = 1000,
                // Lists, as the real executor produces: the serializer has a slow path for other collection types.
                ClassNames = new List<string> { "a", "b" },
                ConfusionMatrix = new List<IReadOnlyList<long>> { new List<long> { 50, 0 }, new List<long> { 0, 50 } },
                ClassificationReport = new List<ClassScore>(),
            };
            return new ExecutionResult(TrialOutcome.Completed, null, metrics, Resumed, History, _executor._options.Checkpoints ? CheckpointPath : null);
        }
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
