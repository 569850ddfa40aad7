using System.Globalization;
using System.Text.Json;
using SweepGrid.Client.Results;
using SweepGrid.Contracts.Configuration;
using SweepGrid.Contracts.Trials;
using SweepGrid.TestData;

namespace SweepGrid.Client.Tests.Results;

public sealed class ResultsWriterTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-results");

    [Fact]
    public void Writes_every_file_and_lists_them()
    {
        var dataset = SyntheticImages.WriteIdxFolder(_temp.Combine("digits"), trainCount: 100, testCount: 20);
        var written = ResultsWriter.Write(_temp.Combine("out"), SampleSweep.Results(dataset));

        Assert.Equal(ResultsWriter.Files.Order(), written.Written.Order());
        Assert.Empty(written.Skipped);
        Assert.Empty(written.Notes);
        foreach (var file in ResultsWriter.Files)
        {
            Assert.True(new FileInfo(written.PathOf(file)).Length > 0, $"{file} is empty");
        }

        Assert.Equal(SampleSweep.Spec, File.ReadAllText(written.PathOf("spec.yaml")));
        Assert.Empty(Directory.EnumerateFiles(written.Directory, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public void Trials_jsonl_has_one_object_per_trial_with_its_outcome_config_and_metrics()
    {
        var results = SampleSweep.Results("/nonexistent/dataset");
        var written = ResultsWriter.Write(_temp.Combine("out"), results);

        var lines = File.ReadAllLines(written.PathOf("trials.jsonl"));
        Assert.Equal(results.Trials.Count, lines.Length);
        var documents = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(results.Trials.Select(t => t.TrialId), documents.Select(d => d.GetProperty("trial_id").GetString()));
        Assert.Equal(["completed", "completed", "completed", "completed", "completed", "diverged", "failed", "pending"],
            documents.Select(d => d.GetProperty("status").GetString()));

        var first = documents[0];
        // The config's members are the catalog's fields, named as the spec and the leaderboard name them.
        Assert.Equal(ConfigCatalog.InReadingOrder.Select(f => f.Name), first.GetProperty("config").EnumerateObject().Select(p => p.Name));
        Assert.Equal(results.Trials[0].Config, first.GetProperty("config").Deserialize<TrialConfig>(ResultsJson.Options));
        Assert.Equal("sgd", first.GetProperty("config").GetProperty("optimizer").GetString());
        Assert.Equal(0.01, first.GetProperty("config").GetProperty("learning_rate").GetDouble());
        Assert.Equal(0.2, first.GetProperty("config").GetProperty("dropout").GetDouble());
        Assert.Equal(1, first.GetProperty("attempt").GetInt32());
        Assert.Equal("silo-a", first.GetProperty("silo").GetString());
        Assert.Equal("cpu", first.GetProperty("device").GetString());
        Assert.Equal(10.0, first.GetProperty("duration_seconds").GetDouble());
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T12:00:00+00:00", CultureInfo.InvariantCulture), first.GetProperty("started_at").GetDateTimeOffset());
        var metrics = first.GetProperty("metrics");
        Assert.Equal(0.81, metrics.GetProperty("val_accuracy").GetDouble());
        Assert.Equal(10, metrics.GetProperty("confusion_matrix").GetArrayLength());
        Assert.Equal(81, metrics.GetProperty("confusion_matrix")[0][0].GetInt64());
        Assert.Equal("T-shirt/top", metrics.GetProperty("classification_report")[0].GetProperty("name").GetString());
        Assert.Equal(5, first.GetProperty("history").GetArrayLength());
        Assert.Equal(3, first.GetProperty("history")[2].GetProperty("epoch").GetInt32());

        var diverged = documents[5];
        Assert.Equal("loss became NaN in epoch 2", diverged.GetProperty("reason").GetString());
        Assert.Equal("NaN", diverged.GetProperty("history")[1].GetProperty("train_loss").GetString());
        Assert.Equal(JsonValueKind.Null, diverged.GetProperty("metrics").ValueKind);

        var failed = documents[6];
        Assert.Equal(3, failed.GetProperty("failures").GetInt32());
        Assert.Equal("lease expired 3 times", failed.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("duration_seconds").ValueKind);
    }

    [Fact]
    public void Leaderboard_csv_ranks_completed_trials_with_the_varying_fields_as_columns()
    {
        var results = SampleSweep.Results("/nonexistent/dataset");
        var written = ResultsWriter.Write(_temp.Combine("out"), results);

        var rows = Csv.Read(File.ReadAllText(written.PathOf("leaderboard.csv")));
        Assert.Equal(
            ["rank", "trial_id", "val_accuracy", "optimizer", "learning_rate", "dropout", "val_macro_f1", "test_accuracy", "test_macro_f1", "samples_per_second", "attempt", "status"],
            rows[0]);
        Assert.Equal(results.Leaderboard.Count + 1, rows.Count);
        Assert.Equal(results.Leaderboard.Select(e => e.TrialId), rows.Skip(1).Select(r => r[1]));
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["0.88", "adam", "0.001", "0.2", "0.87", "0.86", "0.85", "5000", "1", "completed"], rows[1][2..]);
        Assert.Equal(["0.81", "sgd", "0.01", "0.2"], rows[5][2..6]);
    }

    [Fact]
    public void Pruned_trials_rank_after_every_completed_one_in_leaderboard_csv_and_say_so()
    {
        var completed = SampleSweep.CompletedTrial(SampleSweep.Config("adam", 0.001, 0.2), 0.80);
        // Stopped early, at a higher value than the completed trial's at the epoch it stopped: it still ranks after it.
        var pruned = SampleSweep.CompletedTrial(SampleSweep.Config("sgd", 0.01, 0.2), 0.85) with { Status = TrialStatus.Pruned };
        var results = SampleSweep.Results() with { Trials = [pruned, completed], Leaderboard = [] };
        var written = ResultsWriter.Write(_temp.Combine("out"), results);

        var rows = Csv.Read(File.ReadAllText(written.PathOf("leaderboard.csv")));
        Assert.Equal([completed.TrialId, pruned.TrialId], rows.Skip(1).Select(r => r[1]));
        Assert.Equal(["completed", "pruned"], rows.Skip(1).Select(r => r[^1]));
    }

    [Fact]
    public void Leaderboard_csv_quotes_fields_with_commas_and_shows_only_what_varies()
    {
        var a = SampleSweep.CompletedTrial(SampleSweep.Config("adam", 0.001, 0.2) with { Hidden = [128, 64] }, 0.9);
        var b = SampleSweep.CompletedTrial(SampleSweep.Config("adam", 0.001, 0.2) with { Hidden = [256, 64] }, 0.8);
        var results = SampleSweep.Results() with { Trials = [a, b], Leaderboard = [] };
        var written = ResultsWriter.Write(_temp.Combine("out"), results);

        var text = File.ReadAllText(written.PathOf("leaderboard.csv"));
        Assert.Contains("\"[128,64]\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = Csv.Read(text);
        Assert.Equal(["rank", "trial_id", "val_accuracy", "hidden", "val_macro_f1"], rows[0][..5]);
        Assert.Equal([a.TrialId, b.TrialId], rows.Skip(1).Select(r => r[1]));
        Assert.Equal("[128,64]", rows[1][3]);
    }

    [Fact]
    public void Best_json_is_the_top_trial_and_reads_back_as_its_config_and_metrics()
    {
        var results = SampleSweep.Results("/nonexistent/dataset");
        var written = ResultsWriter.Write(_temp.Combine("out"), results);
        var best = results.Trials.Single(t => t.TrialId == results.Leaderboard[0].TrialId);

        var text = File.ReadAllText(written.PathOf("best.json"));
        Assert.Equal(ResultsWriter.BestJson(results), text.TrimEnd('\n'));
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(best.TrialId, root.GetProperty("trial_id").GetString());
        Assert.Equal("val_accuracy", root.GetProperty("metric").GetString());
        Assert.Equal(0.88, root.GetProperty("value").GetDouble());
        Assert.Equal(best.Config, root.GetProperty("config").Deserialize<TrialConfig>(ResultsJson.Options));
        var metrics = root.GetProperty("metrics").Deserialize<TrialMetrics>(ResultsJson.Options)!;
        Assert.Equal(best.Metrics!.ConfusionMatrix.Select(r => r.ToList()), metrics.ConfusionMatrix.Select(r => r.ToList()));
        Assert.Equal(best.Metrics.ClassificationReport, metrics.ClassificationReport);
        Assert.Equal(best.Metrics.TestAccuracy, metrics.TestAccuracy);
        Assert.Equal(best.History, root.GetProperty("history").Deserialize<List<EpochMetrics>>(ResultsJson.Options));
    }

    [Fact]
    public void A_leaderboard_entry_without_its_trial_snapshot_still_ranks_and_can_be_best()
    {
        var results = SampleSweep.Results("/nonexistent/dataset");
        var top = results.Leaderboard[0];
        results = results with { Trials = results.Trials.Where(t => t.TrialId != top.TrialId).ToList() };
        var written = ResultsWriter.Write(_temp.Combine("out"), results);

        var rows = Csv.Read(File.ReadAllText(written.PathOf("leaderboard.csv")));
        Assert.Equal(results.Leaderboard.Select(e => e.TrialId), rows.Skip(1).Select(r => r[1]));
        var best = JsonDocument.Parse(File.ReadAllText(written.PathOf("best.json"))).RootElement;
        Assert.Equal(top.TrialId, best.GetProperty("trial_id").GetString());
        Assert.Equal(top.Config, best.GetProperty("config").Deserialize<TrialConfig>(ResultsJson.Options));
    }

    [Fact]
    public void Best_report_shows_the_classification_report_and_the_confusion_matrix_by_class_name()
    {
        var written = ResultsWriter.Write(_temp.Combine("out"), SampleSweep.Results("/nonexistent/dataset"));

        var lines = File.ReadAllLines(written.PathOf("best-report.txt"));
        Assert.Contains(lines, l => l.Contains("precision", StringComparison.Ordinal) && l.Contains("f1-score", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().StartsWith("Ankle boot", StringComparison.Ordinal) && l.Contains("0.8800", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().StartsWith("macro avg", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().StartsWith("ranked by val_accuracy: 0.8800", StringComparison.Ordinal));
        var matrixRow = lines.Single(l => l.StartsWith("3 Dress", StringComparison.Ordinal));
        Assert.Equal(["3", "Dress", "0", "0", "0", "88", "12", "0", "0", "0", "0", "0"], matrixRow.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_sweep_without_a_completed_trial_writes_what_it_can_and_says_so()
    {
        var results = SampleSweep.Results("/nonexistent/dataset");
        results = results with { Trials = results.Trials.Where(t => t.Status != TrialStatus.Completed).ToList(), Leaderboard = [] };
        var written = ResultsWriter.Write(_temp.Combine("out"), results);

        Assert.Contains("trials.jsonl", written.Written);
        Assert.Equal(3, File.ReadAllLines(written.PathOf("trials.jsonl")).Length);
        Assert.Single(File.ReadAllLines(written.PathOf("leaderboard.csv")));
        Assert.False(File.Exists(written.PathOf("best.json")));
        Assert.False(File.Exists(written.PathOf("plots/val-accuracy.png")));
        Assert.Contains(written.Skipped, s => s.Name == "best.json" && s.Reason.Contains("no trial has completed", StringComparison.Ordinal));
        Assert.Contains(written.Notes, n => n.Contains("no trial has completed", StringComparison.Ordinal));
        Assert.Null(ResultsWriter.BestJson(results));
    }

    [Fact]
    public void Rewriting_the_folder_replaces_the_files_and_removes_those_no_longer_made()
    {
        var folder = _temp.Combine("out");
        var full = SampleSweep.Results("/nonexistent/dataset");
        ResultsWriter.Write(folder, full);
        Assert.True(File.Exists(Path.Combine(folder, "best.json")));

        var notYet = full with { Trials = full.Trials.Where(t => t.Status != TrialStatus.Completed).ToList(), Leaderboard = [] };
        var written = ResultsWriter.Write(folder, notYet);

        Assert.False(File.Exists(written.PathOf("best.json")));
        Assert.False(File.Exists(written.PathOf("plots/confusion-matrix.png")));
        Assert.Equal(3, File.ReadAllLines(written.PathOf("trials.jsonl")).Length);
        Assert.Empty(Directory.EnumerateFiles(folder, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Samples_are_skipped_with_the_reason_when_the_dataset_is_not_on_this_machine()
    {
        var written = ResultsWriter.Write(_temp.Combine("out"), SampleSweep.Results("/nonexistent/dataset"));

        var skipped = Assert.Single(written.Skipped);
        Assert.Equal("plots/samples.png", skipped.Name);
        Assert.Contains("/nonexistent/dataset", skipped.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(written.PathOf("plots/val-accuracy.png")));
    }

    [Fact]
    public void A_folder_under_a_file_raises_a_path_error_and_creates_nothing()
    {
        var file = _temp.Combine("results.txt");
        File.WriteAllText(file, "not a folder");
        var target = Path.Combine(file, "sweep");

        var error = Assert.Throws<ResultsPathException>(() => ResultsWriter.Write(target, SampleSweep.Results("/nonexistent/dataset")));

        Assert.Equal(target, error.PathName);
        Assert.Contains("is a file", error.Problem, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(file));
        Assert.Equal([file], Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void A_path_that_is_a_file_raises_a_path_error()
    {
        var file = _temp.Combine("results");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<ResultsPathException>(() => ResultsWriter.Write(file, SampleSweep.Results("/nonexistent/dataset")));

        Assert.Contains("is a file, not a folder", error.Message, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_folder_in_the_way_of_a_file_fails_before_any_file_is_replaced()
    {
        var folder = _temp.Combine("out");
        ResultsWriter.Write(folder, SampleSweep.Results("/nonexistent/dataset"));
        var before = File.ReadAllText(Path.Combine(folder, "trials.jsonl"));
        File.Delete(Path.Combine(folder, "best-report.txt"));
        Directory.CreateDirectory(Path.Combine(folder, "best-report.txt"));

        var changed = SampleSweep.Results("/nonexistent/dataset");
        changed = changed with { Trials = changed.Trials.Take(2).ToList() };
        Assert.Throws<ResultsPathException>(() => ResultsWriter.Write(folder, changed));

        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "trials.jsonl")));
        Assert.Empty(Directory.EnumerateFiles(folder, "*.partial", SearchOption.AllDirectories));
    }

    public void Dispose() => _temp.Dispose();
}
