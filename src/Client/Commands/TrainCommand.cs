using System.CommandLine;
using System.Globalization;
using SweepGrid.Client.Output;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Specs;
using SweepGrid.Contracts.Trials;
using SweepGrid.Silo.Workers;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;

namespace SweepGrid.Client.Commands;

/// <summary>`sweepgrid train`: one trial in this process, no cluster.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        // One option per configuration field, named, described and checked by the catalog (--learning-rate, also --lr).
        var fields = ConfigCatalog.All.Select(f => (Field: f, Option: OptionOf(f))).ToList();
        var negations = ConfigCatalog.All.Where(f => f.Kind == ParameterValueKind.Flag && f.Default is { Flag: true })
            .Select(f => (Field: f, Option: new Option<bool>("--no-" + f.Option[2..]) { Description = $"Leave out: {f.Help}." })).ToList();
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads.", DefaultValueFactory = _ => 1 };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Folder for the per-epoch checkpoint; a run with the same settings resumes from it." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the results (progress goes to stderr)." };

        var command = new Command("train", "Train one configuration in this process and print its metrics.");
        fields.ForEach(f => command.Options.Add(f.Option));
        negations.ForEach(f => command.Options.Add(f.Option));
        foreach (var option in new Option[] { device, threads, checkpoint, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(result =>
        {
            var config = new TrialConfig();
            var set = new HashSet<string>();
            foreach (var (field, option) in fields.Where(f => result.GetResult(f.Option) is not null))
            {
                config = field.Set(config, Value(field, option.Name, result.GetValue(option)));
                set.Add(field.Name);
            }

            foreach (var (field, option) in negations.Where(f => result.GetValue(f.Option)))
            {
                config = field.Set(config, ParameterValue.OfFlag(false));
                set.Add(field.Name);
            }

            config = TrialConfigBuilder.WithDependentDefaults(config, set);
            if (ConfigCatalog.Problems(config) is [var problem, ..])
            {
                throw new CliInputException($"{problem.Field.Option}: {problem.Problem}; allowed: {problem.Allowed}");
            }

            var spec = TrialSpecMapper.ToSpec(config, result.GetValue(device)!, result.GetValue(threads), result.GetValue(checkpoint));
            return Run(spec, config, result.GetValue(json));
        });
        return command;
    }

    private static Option<string?> OptionOf(ConfigField field)
    {
        var option = new Option<string?>(field.Option, [.. field.OptionAliases])
        {
            Description = $"{field.Help} ({Default(field)}).",
            HelpName = field.Kind switch
            {
                ParameterValueKind.Choice => string.Join("|", field.Choices),
                ParameterValueKind.Sizes => "N,N,…",
                ParameterValueKind.Names => "NAME,…",
                ParameterValueKind.Flag => "true|false",
                ParameterValueKind.Integer => "N",
                ParameterValueKind.Real => "X",
                _ => "TEXT",
            },
        };
        if (field.Kind == ParameterValueKind.Flag)
        {
            option.Arity = ArgumentArity.ZeroOrOne;
        }

        return option;
    }

    private static string Default(ConfigField field) => field.Name == ConfigCatalog.LearningRate.Name
        ? "default: " + string.Join(", ", ConfigCatalog.Optimizers.Select(o => $"{o} {ConfigCatalog.DefaultLearningRate(o).ToString(CultureInfo.InvariantCulture)}"))
        : field.Default is { } value ? $"default: {value}" : "default: none";

    private static ParameterValue Value(ConfigField field, string option, string? text) =>
        ConfigText.Parse(field, text) is { Value: { } value } ? value : throw new CliInputException($"{option}: {ConfigText.Parse(field, text).Problem}");

    private static int Run(TrialSpec spec, TrialConfig config, bool json)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };

        // Everything that can be wrong with the input is checked before the first line of output.
        TorchRuntime.EnsureAvailable();
        DeviceSpec.Parse(spec.Device).Open();
        var data = DatasetPreparer.Prepare(DatasetResolver.Resolve(spec.Dataset.Source).Load(), spec.Dataset, spec.SplitSeed);

        var progress = json ? Console.Error : Console.Out;
        progress.WriteLine($"training {Describe(spec, config)}");
        var result = TrialRunner.Run(spec, data, report =>
        {
            progress.WriteLine(TrainReport.EpochLine(report));
            return EpochDirective.Continue;
        }, interrupt.Token);
        foreach (var passedOver in result.PassedOverCheckpoints)
        {
            Console.Error.WriteLine($"warning: checkpoint {passedOver}; the trial started over");
        }

        if (json)
        {
            Console.Out.WriteLine(TrainReport.ToJson(config, spec.Device, result));
        }
        else
        {
            Console.Out.Write(TrainReport.ToText(result));
        }

        return result.Outcome switch
        {
            TrialOutcome.Completed => ExitCodes.Ok,
            TrialOutcome.Interrupted => ExitCodes.Interrupted,
            _ => ExitCodes.Failure,
        };
    }

    private static string Describe(TrialSpec spec, TrialConfig config) => FormattableString.Invariant(
        $"{spec.Dataset.Source}: {config.Optimizer} lr {config.LearningRate} dropout {config.Dropout}, {config.Epochs} epochs, batch {config.BatchSize}, seed {config.Seed}, {spec.Device} ×{spec.Threads} thread{(spec.Threads == 1 ? "" : "s")}");
}
