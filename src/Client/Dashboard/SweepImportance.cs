using SweepGrid.Client.Dashboard.Api;
using SweepGrid.Contracts.Analysis;
using SweepGrid.Contracts.Specs;

namespace SweepGrid.Client.Dashboard;

/// <summary>The importance of a sweep's varying parameters for its metric, by PED-ANOVA over its completed trials.</summary>
public static class SweepImportance
{
    public static ImportanceJson Of(SweepMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var summary = monitor.Summary();
        var layout = monitor.Layout;
        var finished = monitor.Finished();
        var parameters = new List<ImportanceParameter>();
        var readers = new List<Func<Contracts.Trials.TrialConfig, double?>>();
        foreach (var (field, json) in layout.Parameters)
        {
            if (json.Kind is "real" or "integer")
            {
                var numbers = finished.Select(f => Number(field.Get(f.Config))).OfType<double>().ToList();
                var min = json.Min ?? (numbers.Count > 0 ? numbers.Min() : 0);
                var max = json.Max ?? (numbers.Count > 0 ? numbers.Max() : 0);
                parameters.Add(json.Log ? ImportanceParameter.LogReal(field.Name, min, max) : ImportanceParameter.Real(field.Name, min, max));
                readers.Add(config => Number(field.Get(config)));
            }
            else
            {
                var choices = (json.Values?.Select(v => Text(v)) ?? finished.Select(f => Text(SweepLayout.ValueOf(field.Get(f.Config)))))
                    .Distinct(StringComparer.Ordinal).ToList();
                parameters.Add(ImportanceParameter.Categorical(field.Name, choices));
                readers.Add(config => choices.IndexOf(Text(SweepLayout.ValueOf(field.Get(config)))) is var index and >= 0 ? index : null);
            }
        }

        var observations = finished
            .Select(f => (Values: parameters.Select((p, i) => (p.Name, Value: readers[i](f.Config))).ToList(), f.Value))
            .Where(o => o.Values.All(v => v.Value is not null))
            .Select(o => new ImportanceObservation(o.Values.ToDictionary(v => v.Name, v => v.Value!.Value, StringComparer.Ordinal), o.Value))
            .ToList();
        if (parameters.Count == 0)
        {
            return new ImportanceJson(summary.Metric, "ped-anova", observations.Count, [], "the sweep varies no parameter");
        }

        var report = PedAnovaImportance.Evaluate(parameters, observations, summary.Maximize);
        return new ImportanceJson(summary.Metric, "ped-anova", observations.Count,
            [.. report.Ranked.Select(r => new ImportanceEntryJson(r.Name, r.Importance))], report.Reason);
    }

    private static double? Number(ParameterValue? value) => value?.Kind switch
    {
        ParameterValueKind.Real => value.Real,
        ParameterValueKind.Integer => value.Integer,
        _ => null,
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
