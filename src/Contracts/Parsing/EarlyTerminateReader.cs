using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Contracts.Parsing;

/// <summary>
/// Reads a spec's <c>early_terminate</c> (W&amp;B's names: type, min_iter, eta, brackets, plus mode) and checks it against
/// the trials it will judge: a rung must lie below their last epoch, and the metric must be one reported every epoch.
/// </summary>
internal sealed class EarlyTerminateReader(SpecNodeReader reader)
{
    private const string Example = "{type: asha, min_iter: 1, eta: 3}";

    /// <summary>The metrics a trial reports after every epoch, which early stopping can judge by.</summary>
    public static readonly IReadOnlyList<string> EpochMetrics = ["val_accuracy", "val_loss"];

    public EarlyStopSpec? Read(MappingField field, out MappingFields? fields)
    {
        fields = reader.Mapping(field.Value, field.Path, SpecVocabulary.EarlyTerminateKeys, Example);
        if (fields is null)
        {
            return null;
        }

        if (fields["type"] is not { } typeField)
        {
            reader.Errors.Add(field.Value, SpecNodeReader.Join(field.Path, "type"), "early_terminate has no type",
                $"type: one of {string.Join(", ", SpecVocabulary.EarlyTerminateTypes)}, e.g. {Example}");
            return null;
        }

        var type = reader.Choice(typeField.Value, typeField.Path, SpecVocabulary.EarlyTerminateTypes, "early_terminate type") switch
        {
            "asha" => EarlyStopType.Asha,
            "hyperband" => EarlyStopType.Hyperband,
            "median" => EarlyStopType.Median,
            _ => (EarlyStopType?)null,
        };
        var minIter = reader.Integer(fields["min_iter"], NumericDomain.WholeAtLeast(1));
        var eta = reader.Integer(fields["eta"], NumericDomain.WholeBetween(2, 100));
        var brackets = reader.Integer(fields["brackets"], NumericDomain.WholeBetween(1, 10));
        var mode = fields["mode"] is { } modeField ? reader.Choice(modeField.Value, modeField.Path, SpecVocabulary.RungModes, "early_terminate mode") : null;
        if (type is null)
        {
            return null;
        }

        NotFor(type.Value, fields, "eta", EarlyStopType.Median, "median stopping has no rungs: it takes min_iter alone");
        NotFor(type.Value, fields, "mode", EarlyStopType.Median, "median stopping only stops trials: it takes min_iter alone");
        NotFor(type.Value, fields, "brackets", EarlyStopType.Median, "median stopping takes min_iter alone");
        NotFor(type.Value, fields, "brackets", EarlyStopType.Asha, "asha has one bracket: use type: hyperband for several");
        return new EarlyStopSpec
        {
            Type = type.Value,
            MinIter = (int)(minIter ?? 1),
            Eta = (int)(eta ?? 3),
            Brackets = type == EarlyStopType.Hyperband ? (int)(brackets ?? 2) : 1,
            Mode = mode == "stop" ? RungMode.Stop : RungMode.Promote,
        };
    }

    /// <summary>Checks the policy against the sweep: its metric, and its rungs against the fewest epochs a trial has.</summary>
    public void Check(EarlyStopSpec early, MappingFields fields, MappingFields top, SweepSpec spec, IReadOnlyList<PlannedTrial> trials)
    {
        if (!EpochMetrics.Contains(spec.Metric.Name))
        {
            var at = top["metric"] is { } metric ? (metric.KeyNode, metric.Path) : (fields.Node, fields.Path);
            reader.Errors.Add(at.Item1, at.Item2 == "metric" ? "metric.name" : at.Item2,
                $"early stopping judges trials by a metric reported after every epoch; {spec.Metric.Name} is known only when a trial ends",
                $"metric name {string.Join(" or ", EpochMetrics)} with early_terminate");
        }

        if (spec.Parameters.Any(p => p.Name == "epochs" && (p.IsDistribution || p.Values.Count > 1)))
        {
            reader.Errors.Add(fields.Node, fields.Path, "early stopping compares trials epoch by epoch, so they must all train the same epochs; epochs is swept",
                "epochs in training: (fixed) with early_terminate");
            return;
        }

        var epochs = trials.Count > 0 ? trials.Min(t => t.Config.Epochs) : spec.Base.Epochs;
        var minIterPath = SpecNodeReader.Join(fields.Path, "min_iter");
        var minIterNode = fields["min_iter"]?.Value ?? fields.Node;
        if (early.MinIter >= epochs)
        {
            reader.Errors.Add(minIterNode, minIterPath,
                $"min_iter {early.MinIter} is not below the {epochs} epochs of {(trials.Select(t => t.Config.Epochs).Distinct().Count() > 1 ? "the shortest trial" : "the trials")}: no epoch would be judged",
                $"a whole number from 1 to {epochs - 1}, or more training epochs");
            return;
        }

        if (early.Type == EarlyStopType.Hyperband)
        {
            var highest = early.MinIter * Math.Pow(early.Eta, early.Brackets - 1);
            if (highest >= epochs)
            {
                var most = 1;
                while (early.MinIter * Math.Pow(early.Eta, most) < epochs)
                {
                    most++;
                }

                reader.Errors.Add(fields["brackets"]?.Value ?? fields.Node, SpecNodeReader.Join(fields.Path, "brackets"),
                    $"bracket {early.Brackets} would start judging at epoch {highest}, not below the trials' {epochs} epochs",
                    $"brackets of at most {most} for min_iter {early.MinIter}, eta {early.Eta} and {epochs} epochs");
            }
        }
    }

    private void NotFor(EarlyStopType type, MappingFields fields, string key, EarlyStopType which, string why)
    {
        if (type == which && fields[key] is { } field)
        {
            reader.Errors.Add(field.KeyNode, field.Path, $"{key} does not apply to {which.ToString().ToLowerInvariant()}", why, key);
        }
    }
}
