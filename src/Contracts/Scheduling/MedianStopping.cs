using System.Globalization;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Scheduling;

/// <summary>
/// Median stopping (Katib's, and Optuna's MedianPruner with best-so-far values): from epoch <paramref name="minIter"/>
/// on, once at least <see cref="MinCompleted"/> trials have completed, a trial whose best value so far is below the median
/// of the completed trials' best values up to the same epoch is stopped. Completed trials are the fair yardstick: a
/// running one may yet be stopped itself.
/// </summary>
public sealed class MedianStopping(int minIter, MetricGoal goal, string metric, int epochs) : IEarlyStopping
{
    public const int MinCompleted = 3;

    public int FirstTarget(int bracket) => epochs;

    public int BracketOf(int index) => 0;

    public EpochVerdict OnEpoch(TrialProgress trial, IReadOnlyList<TrialProgress> all)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(all);
        var epoch = trial.Epochs;
        if (epoch < minIter || epoch >= epochs)
        {
            return EpochVerdict.Continue;
        }

        var completed = all.Where(t => t.State == ProgressState.Completed && t.Epochs >= epoch && t.TrialId != trial.TrialId)
            .Select(t => Best(t, epoch)).ToList();
        if (completed.Count < MinCompleted)
        {
            return EpochVerdict.Continue;
        }

        var median = AshaScheduler.Quantile(completed, 0.5);
        var best = Best(trial, epoch);
        return best < median
            ? new EpochVerdict(EpochAction.Stop,
                $"best {metric} so far {Shown(best)} is below the median {Shown(median)} of the {completed.Count} completed trials at epoch {epoch}")
            : EpochVerdict.Continue;
    }

    public Promotion? Promote(IReadOnlyList<TrialProgress> all) => null;

    private double Best(TrialProgress trial, int epoch) => trial.Values.Take(epoch).Select(v => EarlyStopping.Score(v, goal)).Max();

    private string Shown(double score) => (goal == MetricGoal.Maximize ? score : -score).ToString("0.####", CultureInfo.InvariantCulture);
}
