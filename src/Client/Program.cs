using System.CommandLine;
using SweepGrid.Client;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Commands;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Grains.Storage;
using SweepGrid.Silo.Hosting;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;

var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of errors.", Recursive = true };
var root = new RootCommand("SweepGrid: hyperparameter sweeps of neural-network training across machines.")
{
    verbose,
    RunCommand.Create(),
    LaunchCommand.Create(),
    WatchCommand.Create(),
    DashboardCommand.Create(),
    ListCommand.Create(),
    StatusCommand.Create(),
    LeaderboardCommand.Create(),
    BestCommand.Create(),
    ResultsCommand.Create(),
    CancelCommand.Create(),
    RetryCommand.Create(),
    NodesCommand.Create(),
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
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (OutOfSpace.Describe(e) is { } what)
{
    // Not the user's input, and nothing is lost: what was written stands, the running trials were handed back uncharged.
    Console.Error.WriteLine($"error: out of disk space: {what}");
    Console.Error.WriteLine("Nothing is lost: free some space (or give another folder), then run the same command again to resume.");
    if (parsed.GetValue(verbose))
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.Failure;
}
catch (Exception e) when (e is SpecValidationException or TrainingConfigException or DatasetFormatException or CliInputException
                              or SweepNotFoundException or ResultsPathException or SiloConfigurationException or DatasetUnreadableException)
{
    // Bad input: one readable paragraph (a spec lists all its errors), exit 2, nothing stored.
    Console.Error.WriteLine($"error: {e.Message}");
    if (parsed.GetValue(verbose))
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.BadInput;
}
catch (Exception e) when (e is TorchUnavailableException or ClusterUnreachableException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (parsed.GetValue(verbose))
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.Failure;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("interrupted");
    return ExitCodes.Interrupted;
}
catch (Exception e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(parsed.GetValue(verbose) ? e.ToString() : "Run again with --verbose for details.");
    return ExitCodes.Failure;
}
