using System.Diagnostics;
using System.Runtime.CompilerServices;
using SweepGrid.Contracts.Datasets;
using SweepGrid.Contracts.Leaderboards;
using SweepGrid.Contracts.Parsing;
using SweepGrid.Contracts.Search;
using SweepGrid.Contracts.Sweeps;
using SweepGrid.Contracts.Telemetry;
using SweepGrid.Contracts.Trials;

namespace SweepGrid.Client.Cluster;

/// <summary>What the CLI does with a cluster: launch (validated here first, traced as sweep.launch), watch with reconnects, read results.</summary>
public sealed class SweepClient(IGrainFactory grains)
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbePeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(4);

    /// <summary>Validates the spec before anything is stored, then launches it.</summary>
    public Task<SweepStatus> LaunchAsync(string specYaml, string? sourceName = null) => LaunchAsync(SweepSpecParser.Plan(specYaml, sourceName));

    /// <summary>Launches a spec the caller has parsed and expanded (<see cref="SweepSpecParser.Plan"/>); launching the same spec
    /// again returns the same sweep.</summary>
    public async Task<SweepStatus> LaunchAsync(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var activity = SweepGridActivities.Source.StartActivity("sweep.launch", ActivityKind.Client);
        activity?.SetTag("sweep", plan.SweepId);
        activity?.SetTag("sweep.name", plan.Spec.Name);
        activity?.SetTag("trials", plan.TrialCount);
        return await grains.GetGrain<ISweepGrain>(plan.SweepId).Launch(plan.ToLaunch(activity?.Id));
    }

    /// <summary>Each distinct dataset of the plan read on a silo as its workers would (<see cref="IDatasetProbeGrain"/>): what cannot be read, empty when all can.</summary>
    public async Task<IReadOnlyList<DatasetProblem>> CheckDatasetsAsync(SweepPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var probe = grains.GetGrain<IDatasetProbeGrain>(IDatasetProbeGrain.Key);
        var problems = new List<DatasetProblem>();
        foreach (var config in plan.DatasetConfigs
                     .DistinctBy(c => (c.DatasetPath ?? c.DatasetName, c.ValidationSplit, c.Normalization, c.TrainLimit, c.TestLimit, c.SplitSeed)))
        {
            if (await probe.Check(config) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    public Task<SweepStatus> StatusAsync(string sweepId) => grains.GetGrain<ISweepGrain>(sweepId).GetStatus();

    public Task<SweepStatus> CancelAsync(string sweepId) => grains.GetGrain<ISweepGrain>(sweepId).Cancel();

    public Task<SweepStatus> RetryFailedAsync(string sweepId) => grains.GetGrain<ISweepGrain>(sweepId).RetryFailed();

    public Task<string> SpecAsync(string sweepId) => grains.GetGrain<ISweepGrain>(sweepId).GetSpec();

    public Task<IReadOnlyList<TrialSnapshot>> TrialsAsync(string sweepId) => grains.GetGrain<ISweepGrain>(sweepId).GetTrials();

    /// <summary>One trial as its grain holds it (with its checkpoint path, for exporting its weights).</summary>
    public Task<TrialSnapshot> TrialAsync(string sweepId, string trialId) => grains.GetGrain<ITrialGrain>(TrialGrainKey.For(sweepId, trialId)).GetSnapshot();

    public Task<IReadOnlyList<LeaderboardEntry>> LeaderboardAsync(string sweepId, int top) => grains.GetGrain<ILeaderboardGrain>(sweepId).Top(top);

    /// <summary>
    /// The sweep's events from after the given sequence number until it finishes. A dropped connection (a silo
    /// restarting) is retried, resuming after the last event seen, so nothing is shown twice or skipped.
    /// A call waiting on a silo that died is only failed by Orleans after its response timeout (30 s), so a
    /// probe checks the sweep every couple of seconds and abandons the stream as soon as the probe fails.
    /// </summary>
    public async IAsyncEnumerable<SweepEvent> WatchAsync(string sweepId, long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellation = default,
        Action<string?>? connection = null)
    {
        var cursor = afterSequence;
        var lost = DateTimeOffset.MinValue;
        while (!cancellation.IsCancellationRequested)
        {
            using var stream = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var probe = Probe(sweepId, stream);
            var events = grains.GetGrain<ISweepGrain>(sweepId).Watch(cursor, stream.Token).GetAsyncEnumerator(stream.Token);
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync();
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
                    {
                        if (lost == DateTimeOffset.MinValue)
                        {
                            lost = DateTimeOffset.UtcNow;
                            var why = e is OperationCanceledException ? "the cluster stopped answering" : e.GetType().Name;
                            connection?.Invoke($"connection lost ({why}); reconnecting since {lost.ToLocalTime():HH:mm:ss}…");
                        }

                        break;
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    if (lost != DateTimeOffset.MinValue)
                    {
                        lost = DateTimeOffset.MinValue;
                        connection?.Invoke(null);
                    }

                    cursor = events.Current.Sequence;
                    yield return events.Current;
                    if (events.Current.Kind == SweepEventKind.SweepFinished)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                await stream.CancelAsync();
                await probe;
                await DisposeQuietly(events);
            }

            await Task.Delay(ReconnectDelay, cancellation);
        }
    }

    /// <summary>Cancels the stream when the sweep stops answering; ends when the stream is cancelled.</summary>
    private async Task Probe(string sweepId, CancellationTokenSource stream)
    {
        using var timer = new PeriodicTimer(ProbePeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stream.Token))
            {
                await grains.GetGrain<ISweepGrain>(sweepId).GetStatus().WaitAsync(ProbeTimeout, stream.Token);
            }
        }
        catch (OperationCanceledException) when (stream.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            await stream.CancelAsync();
        }
    }

    private static async Task DisposeQuietly(IAsyncEnumerator<SweepEvent> events)
    {
        try
        {
            await events.DisposeAsync();
        }
        catch (Exception)
        {
            // The silo holding the enumeration may be gone; nothing to release then.
        }
    }
}
