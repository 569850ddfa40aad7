using System.Globalization;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Scheduling;

/// <summary>
/// Asynchronous successive halving (ASHA), over one bracket or several (asynchronous Hyperband). Bracket s has rungs at
/// min_iter · eta^(s+k) epochs, k = 0, 1, … below the trials' epochs; the <paramref name="brackets"/> take the sweep's
/// trials in turn.
/// <para>Promote mode, the ASHA paper's algorithm: a trial that reaches its rung pauses there, its slot freed. When a slot
/// frees, the best trial not yet promoted among the top ⌊n/eta⌋ of the n trials that reached a rung is promoted to the
/// next rung (or to its last epoch), the highest rung first; when no trial is promotable, a new configuration starts.
/// Trials still paused when nothing else can run are pruned.</para>
/// <para>Stop mode, Ray Tune's behaviour: at a rung, a trial below the (1 − 1/eta) quantile of the values its bracket's
/// trials had there is stopped, the others train on without pausing.</para>
/// </summary>
public sealed class AshaScheduler : IEarlyStopping
{
    private readonly int _eta;
    private readonly int _brackets;
    private readonly RungMode _mode;
    private readonly MetricGoal _goal;
    private readonly string _metric;
    private readonly int _epochs;
    private readonly IReadOnlyList<int>[] _rungs;

    public AshaScheduler(int minIter, int eta, int brackets, RungMode mode, MetricGoal goal, string metric, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minIter, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(brackets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        (_eta, _brackets, _mode, _goal, _metric, _epochs) = (eta, brackets, mode, goal, metric, epochs);
        _rungs = Enumerable.Range(0, brackets).Select(s => Rungs(minIter * Power(eta, s), eta, epochs)).ToArray();
    }

    /// <summary>The rungs (epochs) of a bracket, lowest first; its trials' last epoch is not one.</summary>
    public IReadOnlyList<int> RungsOf(int bracket) => _rungs[bracket];

    public int FirstTarget(int bracket) => _mode == RungMode.Promote && _rungs[bracket] is [var first, ..] ? first : _epochs;

    public int BracketOf(int index) => index % _brackets;

    public EpochVerdict OnEpoch(TrialProgress trial, IReadOnlyList<TrialProgress> all)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(all);
        var epoch = trial.Epochs;
        if (_mode == RungMode.Promote)
        {
            // At its rung or past it (an attempt whose pause was not heard of trains on until its next report).
            return epoch >= trial.Target && trial.Target < _epochs
                ? new EpochVerdict(EpochAction.Pause,
                    $"paused at rung {IndexOf(_rungs[trial.Bracket], trial.Target) + 1} (epoch {trial.Target}) until it ranks in the top 1/{_eta} there")
                : EpochVerdict.Continue;
        }

        var rung = IndexOf(_rungs[trial.Bracket], epoch);
        if (rung < 0)
        {
            return EpochVerdict.Continue;
        }

        var peers = Reached(all, trial.Bracket, epoch).Where(t => t.TrialId != trial.TrialId).Append(trial).Select(t => Score(t, epoch)).ToList();
        var cutoff = Quantile(peers, 1 - 1.0 / _eta);
        var score = Score(trial, epoch);
        return score < cutoff
            ? new EpochVerdict(EpochAction.Stop,
                $"{_metric} {Shown(trial.Values[epoch - 1])} at rung {rung + 1} (epoch {epoch}) is below the top 1/{_eta} of the {peers.Count} trials there (cutoff {Shown(Unscored(cutoff))})")
            : EpochVerdict.Continue;
    }

    public Promotion? Promote(IReadOnlyList<TrialProgress> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        if (_mode != RungMode.Promote)
        {
            return null;
        }

        // The highest rung first, across brackets: the trial closest to its end is the best use of a slot.
        var rungs = Enumerable.Range(0, _brackets)
            .SelectMany(b => _rungs[b].Select((epoch, k) => (Bracket: b, Rung: k, Epoch: epoch)))
            .OrderByDescending(r => r.Epoch).ThenBy(r => r.Bracket);
        foreach (var (bracket, rung, epoch) in rungs)
        {
            var reached = Reached(all, bracket, epoch).ToList();
            var top = reached.Count / _eta;
            var promotable = reached
                .OrderByDescending(t => Score(t, epoch)).ThenBy(t => t.TrialId, StringComparer.Ordinal)
                .Take(top)
                .FirstOrDefault(t => t.State == ProgressState.Paused && t.Target == epoch);
            if (promotable is not null)
            {
                var next = rung + 1 < _rungs[bracket].Count ? _rungs[bracket][rung + 1] : _epochs;
                return new Promotion(promotable.TrialId, next,
                    $"promoted from rung {rung + 1} (epoch {epoch}), where its {_metric} {Shown(promotable.Values[epoch - 1])} ranks in the top {top} of {reached.Count}");
            }
        }

        return null;
    }

    // The trials of a bracket that trained to the epoch (failed ones rank nowhere).
    private static IEnumerable<TrialProgress> Reached(IReadOnlyList<TrialProgress> all, int bracket, int epoch) =>
        all.Where(t => t.Bracket == bracket && t.State != ProgressState.Failed && t.Epochs >= epoch);

    private double Score(TrialProgress trial, int epoch) => EarlyStopping.Score(trial.Values[epoch - 1], _goal);

    private double Unscored(double score) => _goal == MetricGoal.Maximize ? score : -score;

    /// <summary>The q-quantile with linear interpolation between the closest ranks (numpy's default).</summary>
    internal static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var rank = q * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return double.IsNegativeInfinity(sorted[low]) ? sorted[low] : sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static IReadOnlyList<int> Rungs(int first, int eta, int epochs)
    {
        var rungs = new List<int>();
        for (long epoch = first; epoch < epochs; epoch *= eta)
        {
            rungs.Add((int)epoch);
        }

        return rungs;
    }

    private static int IndexOf(IReadOnlyList<int> rungs, int epoch)
    {
        for (var i = 0; i < rungs.Count; i++)
        {
            if (rungs[i] == epoch)
            {
                return i;
            }
        }

        return -1;
    }

    private static int Power(int value, int exponent) => (int)Math.Min(int.MaxValue, Math.Pow(value, exponent));

    private static string Shown(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
