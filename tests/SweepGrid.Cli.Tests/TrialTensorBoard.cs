using System.Text.Json;
using SweepGrid.TestData.TensorBoard;

namespace SweepGrid.Cli.Tests;

/// <summary>What `tensorboard --logdir results/ID/tensorboard` reads of one trial, checked against its line in trials.jsonl.</summary>
public static class TrialTensorBoard
{
    /// <summary>The trial's run folder (its short id, then a label) decodes, with a file per attempt, a validation accuracy
    /// and a training loss at each epoch of its history, its configuration as hparams, and a successful end if it completed.</summary>
    public static TensorBoardRun AssertMatches(string sweepFolder, JsonElement trial)
    {
        var id = trial.GetProperty("trial_id").GetString()!;
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(sweepFolder, "tensorboard"), id[..8] + "-*"));
        Assert.NotEmpty(Directory.GetFiles(folder, "events.out.tfevents.*"));
        var run = TensorBoardRun.Read(folder);

        Assert.Equal(trial.GetProperty("attempt").GetInt32(), run.Files.Count);
        var history = trial.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(history.Select(e => (e.GetProperty("epoch").GetInt64(), (float)e.GetProperty("validation_accuracy").GetDouble())), run.Scalars("accuracy/val"));
        Assert.Equal(history.Select(e => (e.GetProperty("epoch").GetInt64(), (float)e.GetProperty("train_loss").GetDouble())), run.Scalars("loss/train"));

        var config = trial.GetProperty("config");
        var hparams = run.HParams("_hparams_/session_start_info")[0].HParams!;
        Assert.Equal(config.GetProperty("optimizer").GetString(), hparams["optimizer"]);
        Assert.Equal(config.GetProperty("learning_rate").GetDouble(), hparams["learning_rate"]);
        Assert.Equal(config.GetProperty("dropout").GetDouble(), hparams["dropout"]);

        var ends = run.HParams("_hparams_/session_end_info");
        if (trial.GetProperty("status").GetString() == "completed")
        {
            Assert.Equal(1, Assert.Single(ends).Status);
            Assert.Equal([(history[^1].GetProperty("epoch").GetInt64(), (float)trial.GetProperty("metrics").GetProperty("test_accuracy").GetDouble())],
                run.Scalars("accuracy/test"));
        }
        else
        {
            Assert.Empty(ends);
        }

        return run;
    }
}
