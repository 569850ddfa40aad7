using System.CommandLine;
using SweepGrid.Client;
using SweepGrid.Client.Commands;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;

var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of errors.", Recursive = true };
var root = new RootCommand("SweepGrid: hyperparameter sweeps of neural-network training across machines.")
{
    verbose,
    TrainCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'sweepgrid --help' (or 'sweepgrid COMMAND --help') for the options.");
    return ExitCodes.BadInput;
}

try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is TrainingConfigException or DatasetFormatException or TorchUnavailableException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (parsed.GetValue(verbose))
    {
        Console.Error.WriteLine(e);
    }

    return e is TorchUnavailableException ? ExitCodes.Failure : ExitCodes.BadInput;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(parsed.GetValue(verbose) ? e.ToString() : "Run again with --verbose for details.");
    return ExitCodes.Failure;
}
