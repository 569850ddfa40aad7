using System.Text.Json;

namespace SweepGrid.Cli.Tests;

/// <summary>A sweep run with `sweepgrid run`, then read back with the other commands, each as its own process.</summary>
public sealed class SweepCommandTests(SweepFixture sweep) : IClassFixture<SweepFixture>
{
    private Task<SweepGridProcess.Outcome> Sweepgrid(params string[] arguments) => SweepGridProcess.RunAsync([.. arguments, "--results", sweep.Results]);

    [Fact]
    public void Run_finishes_every_trial_once_and_writes_the_results_folder()
    {
        var status = sweep.RunJson.GetProperty("sweep");
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(4, status.GetProperty("completed").GetInt32());

        var folder = Path.Combine(sweep.Results, sweep.SweepId);
        var trials = File.ReadAllLines(Path.Combine(folder, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, trials.Count);
        Assert.Equal(4, trials.Select(t => t.GetProperty("trial_id").GetString()).Distinct().Count());
        Assert.All(trials, t => Assert.Equal(1, t.GetProperty("attempt").GetInt32()));
        var csv = File.ReadAllLines(Path.Combine(folder, "leaderboard.csv"));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("rank,trial_id,val_accuracy,optimizer,learning_rate", csv[0]);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "spec.yaml")), File.ReadAllText(sweep.SpecPath));
        foreach (var plot in new[] { "val-accuracy.png", "learning-curves.png", "confusion-matrix.png", "samples.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, "plots", plot));
            Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', plot);
        }

        Assert.True(File.Exists(Path.Combine(folder, "sweepgrid.db")), "the sweep's SQLite file lives in its results folder");
    }

    [Fact]
    public void Every_trial_writes_tensorboard_events_of_its_epochs_and_configuration()
    {
        var folder = Path.Combine(sweep.Results, sweep.SweepId);
        var trials = File.ReadAllLines(Path.Combine(folder, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, Directory.GetDirectories(Path.Combine(folder, "tensorboard")).Length);
        Assert.All(trials, trial => Assert.Equal(2, TrialTensorBoard.AssertMatches(folder, trial).Scalars("loss/train").Count));
        Assert.Contains($"tensorboard --logdir {Path.Combine(folder, "tensorboard")}", sweep.Run.Stderr);
    }

    [Fact]
    public async Task Leaderboard_best_and_run_agree_on_the_best_configuration()
    {
        var leaderboard = await Sweepgrid("leaderboard", sweep.SweepId, "--json");
        Assert.True(leaderboard.ExitCode == 0, leaderboard.Stderr);
        var entries = JsonDocument.Parse(leaderboard.Stdout).RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(4, entries.Count);
        var values = entries.Select(e => e.GetProperty("value").GetDouble()).ToList();
        Assert.Equal(values.OrderDescending(), values);

        var best = await Sweepgrid("best", sweep.SweepId, "--json");
        Assert.True(best.ExitCode == 0, best.Stderr);
        var bestJson = JsonDocument.Parse(best.Stdout).RootElement;
        Assert.Equal(entries[0].GetProperty("trial_id").GetString(), bestJson.GetProperty("trial_id").GetString());
        Assert.Equal(values[0], bestJson.GetProperty("metrics").GetProperty("val_accuracy").GetDouble());
        Assert.Equal(entries[0].GetProperty("trial_id").GetString(), sweep.RunJson.GetProperty("best").GetProperty("trial_id").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(sweep.Results, sweep.SweepId, "best.json")).Trim(), best.Stdout.Trim());

        var text = await Sweepgrid("leaderboard", sweep.SweepId, "--top", "2");
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains(entries[0].GetProperty("trial_id").GetString()![..8], text.Stdout);
        Assert.Contains("2 more", text.Stdout);

        var csv = await Sweepgrid("leaderboard", sweep.SweepId, "--csv");
        Assert.Equal(File.ReadAllText(Path.Combine(sweep.Results, sweep.SweepId, "leaderboard.csv")), csv.Stdout);
    }

    [Fact]
    public async Task Best_export_writes_the_configuration_report_and_loadable_weights()
    {
        var export = Path.Combine(sweep.Temp.Path, "export");
        var best = await Sweepgrid("best", sweep.SweepId, "--export", export);

        Assert.True(best.ExitCode == 0, best.Stderr);
        Assert.Contains("best configuration", best.Stdout);
        Assert.Contains("precision", best.Stdout);
        foreach (var file in new[] { "config.json", "metrics.json", "report.txt", "weights.bin", "state_dict.pt", "model.safetensors", "model.py" })
        {
            Assert.True(new FileInfo(Path.Combine(export, file)).Length > 0, file);
        }

        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(export, "config.json"))).RootElement;
        Assert.Equal(sweep.RunJson.GetProperty("best").GetProperty("config").GetProperty("optimizer").GetString(), config.GetProperty("optimizer").GetString());
    }

    [Fact]
    public async Task Status_and_list_show_the_finished_sweep()
    {
        var status = await Sweepgrid("status", sweep.SweepId, "--json");
        Assert.True(status.ExitCode == 0, status.Stderr);
        var json = JsonDocument.Parse(status.Stdout).RootElement;
        Assert.Equal("completed", json.GetProperty("state").GetString());
        Assert.Equal(4, json.GetProperty("total").GetInt32());

        var list = await Sweepgrid("list", "--json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        var row = Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray());
        Assert.Equal(sweep.SweepId, row.GetProperty("sweep_id").GetString());
        Assert.Equal("completed", row.GetProperty("state").GetString());
        Assert.Equal(4, row.GetProperty("finished").GetInt32());
    }

    [Fact]
    public async Task Running_the_same_spec_again_trains_nothing_twice()
    {
        var again = await Sweepgrid("run", sweep.SpecPath, "--slots", "cpu x1", "--json");

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(sweep.SweepId, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("sweep").GetProperty("sweep_id").GetString());
        Assert.Contains("4 of 4 trials had finished", again.Stderr);
        var trials = File.ReadAllLines(Path.Combine(sweep.Results, sweep.SweepId, "trials.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(trials, t => Assert.Equal(1, t.GetProperty("attempt").GetInt32()));
    }

    [Fact]
    public async Task An_export_folder_that_cannot_be_written_is_bad_input()
    {
        var blocker = Path.Combine(sweep.Temp.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var best = await Sweepgrid("best", sweep.SweepId, "--export", Path.Combine(blocker, "export"));

        Assert.Equal(2, best.ExitCode);
        Assert.StartsWith("error: ", best.Stderr);
        Assert.Contains(blocker, best.Stderr);
        Assert.DoesNotContain("   at ", best.Stderr);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(blocker));
    }
}
