using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SweepGrid.Client.Cluster;
using SweepGrid.Client.Dashboard;
using SweepGrid.Client.Local;
using SweepGrid.Client.Output;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Trials;
using SweepGrid.Grains.Storage;
using SweepGrid.Silo.Workers;
using SweepGrid.Trainer.Datasets;
using SweepGrid.Trainer.Runtime;

namespace SweepGrid.Client.Commands;

/// <summary>
/// `sweepgrid run SPEC`: the whole cluster in this process (one silo, the SQLite file in the sweep's results folder,
/// the local cores or GPUs as slots), a live view, then the leaderboard, the best configuration and the result files.
/// Interrupted and run again, it resumes where it stopped.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "The sweep spec (YAML)." };
        var results = CommonOptions.Results();
        var slots = new Option<string?>("--slots") { Description = "Trial slots per device, e.g. \"cpu x2\" or \"cuda:0 x3\" (default: one per CPU core, or two per GPU with --device cuda)." };
        var device = new Option<string>("--device") { Description = "cpu or cuda (every GPU of this machine).", DefaultValueFactory = _ => "cpu" };
        var json = new Option<bool>("--json") { Description = "Print the outcome as one JSON object; progress goes to stderr." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Run the trials that failed in an earlier run again, each with a fresh retry budget." };
        var bundle = new Option<string>("--bundle")
        {
            Description = "Trials each slot trains fused as one batched model (trials of one shape, differing in learning rate, dropout, …): "
                + "K, 1 for none, or auto (what pays on the device).",
            DefaultValueFactory = _ => "auto",
        };
        var dashboard = new Option<bool>("--dashboard") { Description = "Serve the browser dashboard while the sweep runs (see --port)." };
        var (port, bind, allowRemote) = DashboardCommand.Options();
        var command = new Command("run", "Run a sweep in this process and write its results folder.")
        {
            spec, results, slots, device, bundle, json, retryFailed, dashboard, port, bind, allowRemote,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(spec)!, parse.GetValue(results), parse.GetValue(slots), parse.GetValue(device)!,
            parse.GetValue(bundle)!, parse.GetValue(json), parse.GetValue(retryFailed),
            parse.GetValue(dashboard) ? DashboardAddress.Parse(parse.GetValue(bind), parse.GetValue(port), parse.GetValue(allowRemote)) : null, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string specPath, string? resultsRoot, string? slotsOption, string device, string bundleOption, bool json,
        bool retryFailed, DashboardAddress? dashboard, CancellationToken cancellation)
    {
        // Everything that can be wrong with the input is found before anything is stored.
        var plan = SpecFiles.Plan(specPath);
        var (spec, sweepId) = (plan.Spec, plan.SweepId);
        TorchRuntime.EnsureAvailable();
        var slots = WithBundle(ResolveSlots(slotsOption, device), ResolveBundle(bundleOption, plan));
        CheckDatasets(plan.DatasetConfigs);

        var local = LocalSweeps.FromOption(resultsRoot);
        var folder = local.FolderOf(sweepId);
        EnsureWritable(folder);
        using var runLock = RunLock.Acquire(folder, sweepId);
        var progress = json ? Console.Error : Console.Out;
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var (session, gatewayPort) = await EmbeddedSilo.StartAsync(new EmbeddedSilo.Settings(
                local.DatabaseOf(sweepId), slots, Path.Combine(folder, "checkpoints"), Path.Combine(folder, "logs"), Path.Combine(folder, "tensorboard")), cancellation);
            await using (session)
            {
                // A SIGTERM stops the silo's host: stop watching then too, instead of reconnecting to nothing.
                using var stopping = session.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(interrupt.Cancel);
                // So does a full disk, at its first refused write: retrying into it would only hang the run.
                var outOfSpace = session.Services.GetRequiredService<OutOfSpace>().First;
                _ = outOfSpace.ContinueWith(_ => interrupt.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                // Before run.json says the sweep runs here: a taken port ends the run with nothing recorded.
                await using var server = dashboard is null ? null : await DashboardServer.StartAsync(dashboard, new ClusterDashboardSource(session, ownsSession: false), cancellation);
                var record = new RunRecord
                {
                    SweepId = sweepId,
                    Name = spec.Name,
                    Trials = plan.TrialCount,
                    ProcessId = Environment.ProcessId,
                    GatewayPort = gatewayPort,
                    StartedAt = DateTimeOffset.UtcNow,
                };
                local.WriteRecord(record);
                progress.WriteLine($"sweep {spec.Name} ({sweepId}): {plan.TrialCount} trials on {slots}");
                if (server is not null)
                {
                    progress.WriteLine($"dashboard: {server.Url}sweeps/{sweepId}");
                }

                progress.WriteLine($"results: {Shown(folder)}");
                progress.WriteLine($"follow it from another terminal: sweepgrid watch {sweepId}{(resultsRoot is null ? "" : $" --results {resultsRoot}")}");
                progress.WriteLine($"compare trials in TensorBoard: tensorboard --logdir {Shown(Path.Combine(folder, "tensorboard"))}");
                var launched = await UnlessOutOfSpace(session.Sweeps.LaunchAsync(plan), outOfSpace);
                record = record with { Finished = launched.Finished };
                local.WriteRecord(record);
                if (launched.Failed > 0 && retryFailed)
                {
                    progress.WriteLine($"retrying: {launched.Failed} failed trials run again, each with a fresh retry budget");
                    launched = await session.Sweeps.RetryFailedAsync(sweepId);
                }
                else if (launched.Failed > 0)
                {
                    progress.WriteLine($"{launched.Failed} trials failed in an earlier run and stay failed: --retry-failed runs them again");
                }

                if (launched.Finished > 0)
                {
                    progress.WriteLine($"resuming: {launched.Finished} of {launched.Total} trials had finished");
                }

                var live = new LiveView(progress, LiveView.IsTerminal(progress));
                // run.json keeps the count of finished trials current, for 'sweepgrid list' after a crash too.
                var view = await SweepWatcher.FollowAsync(session.Sweeps, sweepId, live, null, interrupt.Token, (e, seen) =>
                {
                    if (e.Kind == SweepEventKind.TrialFinished && seen.Status is { } now)
                    {
                        local.WriteRecord(record with { Finished = now.Finished });
                    }
                });
                if (!view.Finished && outOfSpace.IsCompleted)
                {
                    throw new IOException(await outOfSpace);
                }

                if (!view.Finished)
                {
                    var done = view.Status?.Finished ?? 0;
                    local.WriteRecord(record with { State = "interrupted", Finished = done });
                    progress.WriteLine($"interrupted: {done} of {plan.TrialCount} trials finished; running trials are handed back. Run the same command again to resume.");
                    return ExitCodes.Interrupted;
                }

                var report = await SweepReport.CollectAsync(session.Sweeps, sweepId);
                var written = report.WriteFolder(folder);
                var status = report.Results.Status;
                local.WriteRecord(record with { State = status.State.ToString().ToLowerInvariant(), Finished = status.Finished });
                if (json)
                {
                    Console.Out.WriteLine(report.ToJson(folder));
                }
                else
                {
                    Console.Out.Write(report.ToText(10));
                    Console.Out.WriteLine($"results in {Shown(folder)}: {written}");
                }

                return status.Completed > 0 && status.Failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The launch, unless the disk fills first: its storage writes would then be retried for as long as the
    /// cluster's patience lasts.</summary>
    private static async Task<T> UnlessOutOfSpace<T>(Task<T> call, Task<string> outOfSpace)
    {
        if (await Task.WhenAny(call, outOfSpace) == outOfSpace)
        {
            _ = call.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw new IOException(await outOfSpace);
        }

        return await call;
    }

    /// <summary>--bundle: K from 1 to what the sweep can run at once (its trials, within max_concurrent_trials), or auto (null).</summary>
    private static int? ResolveBundle(string text, SweepPlan plan)
    {
        int? bundle;
        try
        {
            bundle = WorkerSlots.ParseBundle(text, "--bundle");
        }
        catch (FormatException e)
        {
            throw new CliInputException(e.Message);
        }

        var most = Math.Min(plan.TrialCount, plan.Spec.MaxConcurrentTrials ?? int.MaxValue);
        if (bundle > Math.Max(1, most))
        {
            throw new CliInputException($"--bundle {bundle} is larger than this sweep allows: it runs at most {most} trials at once "
                + $"({plan.TrialCount} trials{(plan.Spec.MaxConcurrentTrials is { } limit ? $", max_concurrent_trials {limit}" : "")}); give 1 to {most}, or auto");
        }

        return bundle;
    }

    /// <summary>The slots with --bundle's K on each entry that does not name its own.</summary>
    private static string WithBundle(string slots, int? bundle) => bundle is not { } k ? slots : string.Join(", ",
        slots.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Contains("bundle", StringComparison.OrdinalIgnoreCase) ? entry : $"{entry} bundle {k}"));

    /// <summary>--slots as given, else one slot per core (one libtorch thread each), or two per GPU.</summary>
    private static string ResolveSlots(string? slots, string device)
    {
        if (slots is not null)
        {
            try
            {
                var parsed = WorkerSlots.Parse(slots);
                if (parsed.Count == 0)
                {
                    throw new FormatException("no slots");
                }

                foreach (var gpu in parsed.Select(s => s.Device).Where(d => d != "cpu").Distinct())
                {
                    DeviceSpec.Parse(gpu).Open();
                }

                return slots;
            }
            catch (FormatException e)
            {
                throw new CliInputException($"--slots '{slots}': {e.Message}; write DEVICE xN entries separated by commas, e.g. \"cpu x2\" or \"cuda:0 x3, cuda:1 x3\"");
            }
        }

        switch (device.Trim().ToLowerInvariant())
        {
            case "cpu":
                return $"cpu x{Environment.ProcessorCount}";
            case "cuda":
                DeviceSpec.Parse("cuda").Open();
                var gpus = TorchSharp.torch.cuda.device_count();
                return string.Join(", ", Enumerable.Range(0, gpus).Select(i => $"cuda:{i} x2"));
            default:
                throw new CliInputException($"--device '{device}' is not known: use cpu or cuda (or --slots for anything finer)");
        }
    }

    /// <summary>Reads every dataset the sweep uses once, so a missing or broken file is reported before the sweep starts.</summary>
    private static void CheckDatasets(IEnumerable<TrialConfig> configs)
    {
        foreach (var source in configs.Select(c => c.DatasetPath ?? c.DatasetName).Distinct(StringComparer.Ordinal))
        {
            _ = DatasetResolver.Resolve(source).Load();
        }
    }

    /// <summary>A folder under the current one as a relative path, as the user would type it.</summary>
    private static string Shown(string folder)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? folder : relative;
    }

    private static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && OutOfSpace.Describe(e) is null)
        {
            throw new CliInputException($"the results folder {folder} cannot be written ({e.Message}): choose another with --results");
        }
    }
}
