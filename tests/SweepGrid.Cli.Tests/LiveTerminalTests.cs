using System.Text.RegularExpressions;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>`sweepgrid run` on a terminal draws Spectre.Console's live table; piped, it prints the same lines as ever.</summary>
public sealed partial class LiveTerminalTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-live");

    /// <summary>Four trials of three epochs of the fake trainer, 0.2 s an epoch: long enough for several redraws.</summary>
    private async Task<(string Spec, Dictionary<string, string> Environment)> SweepAsync()
    {
        var data = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 200, testCount: 50);
        var spec = _temp.Combine("live.yaml");
        await File.WriteAllTextAsync(spec, $$"""
            name: live
            dataset: {name: digits, path: {{data}}}
            model: {hidden: [8], activations: [relu]}
            training: {epochs: 3, batch_size: 32, seed: 7}
            method: grid
            metric: {name: val_accuracy, goal: maximize}
            parameters:
              optimizer: {values: [sgd, adam]}
              learning_rate: {values: [0.1, 0.01]}
            """);
        return (spec, new Dictionary<string, string>
        {
            ["SWEEPGRID_Workers__Executor"] = "fake",
            ["SWEEPGRID_FakeExecutor__EpochDuration"] = "00:00:00.200",
        });
    }

    [Fact]
    public async Task On_a_terminal_run_redraws_a_coloured_table_in_place_and_leaves_the_final_state_on_screen()
    {
        var (spec, environment) = await SweepAsync();

        var run = await TerminalProcess.RunAsync(["run", spec, "--results", _temp.Combine("results"), "--slots", "cpu x2"], environment);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var screen = run.Stdout;
        // Spectre's live display: the cursor hidden while it draws, moved up to redraw, coloured statuses.
        Assert.Contains("\u001b[?25l", screen);
        Assert.Matches(CursorUp(), screen);
        Assert.Contains("\u001b[38;5;2mcompleted", screen);
        var text = Plain(screen);
        Assert.Contains("╭", text);
        Assert.Contains("CONFIGURATION", text);
        Assert.Contains("running", text);
        // The last picture: every trial completed, then the leaderboard below it.
        var last = text[text.LastIndexOf("sweep live (", StringComparison.Ordinal)..];
        Assert.Contains("4/4 finished, 0 running", last);
        Assert.Contains("completed 4", last);
        Assert.Contains("leaderboard of live", last);
        // Line mode is not mixed in.
        Assert.DoesNotContain("started   ", text);
    }

    [Fact]
    public async Task With_NO_COLOR_the_live_table_stays_and_only_the_colours_go()
    {
        var (spec, environment) = await SweepAsync();
        environment["NO_COLOR"] = "1";

        var run = await TerminalProcess.RunAsync(["run", spec, "--results", _temp.Combine("results"), "--slots", "cpu x2"], environment);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Matches(CursorUp(), run.Stdout);
        Assert.Contains("╭", run.Stdout);
        Assert.DoesNotContain("\u001b[38;5;", run.Stdout);
    }

    [Fact]
    public async Task On_a_dumb_terminal_run_prints_one_line_per_trial_event()
    {
        var (spec, environment) = await SweepAsync();
        environment["TERM"] = "dumb";

        var run = await TerminalProcess.RunAsync(["run", spec, "--results", _temp.Combine("results"), "--slots", "cpu x2"], environment);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("╭", run.Stdout);
        Assert.Equal(4, Regex.Matches(run.Stdout, "^completed ", RegexOptions.Multiline).Count);
    }

    [Fact]
    public async Task Piped_run_prints_one_line_per_trial_event_without_escape_codes()
    {
        var (spec, environment) = await SweepAsync();

        var run = await SweepGridProcess.RunAsync(["run", spec, "--results", _temp.Combine("results"), "--slots", "cpu x2"], environment);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.DoesNotContain("╭", run.Stdout);
        var lines = run.Stdout.Split('\n');
        // Trials that started before the first snapshot are in its count, not on a line of their own.
        Assert.InRange(lines.Count(l => l.StartsWith("started   ", StringComparison.Ordinal)), 2, 4);
        Assert.Equal(4, lines.Count(l => l.StartsWith("completed ", StringComparison.Ordinal) && l.Contains("val_acc", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("sweep live (", StringComparison.Ordinal) && l.Contains(": 4 trials, 0 finished", StringComparison.Ordinal));
        Assert.Contains("[4/4]", run.Stdout);
    }

    /// <summary>The screen as text: escape sequences removed, carriage returns dropped.</summary>
    private static string Plain(string screen) => Escapes().Replace(screen, "").Replace("\r", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\u001b\[\d+A")]
    private static partial Regex CursorUp();

    [GeneratedRegex(@"\u001b(\[[0-9;?]*[A-Za-z]|[=>])")]
    private static partial Regex Escapes();

    public void Dispose() => _temp.Dispose();
}
