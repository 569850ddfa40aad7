using SweepGrid.Silo.Workers;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

public sealed class AttemptCheckpointsTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-attempts");

    [Fact]
    public void An_attempt_writes_its_own_folder_and_reads_its_earlier_attempts_newest_first_then_the_trials_folder()
    {
        var trial = Path.Combine(_temp.Path, "sweep-1", "trial_a");
        foreach (var name in new[] { "attempt-1", "attempt-2", "attempt-4", "attempt-x", "other" })
        {
            Directory.CreateDirectory(Path.Combine(trial, name));
        }

        var third = AttemptCheckpoints.For(_temp.Path, "sweep-1", "trial/a", 3);

        Assert.Equal(Path.Combine(trial, "attempt-3"), third.Directory);
        // attempt-4 belongs to a later attempt (this one was superseded): never read, never written.
        Assert.Equal([Path.Combine(trial, "attempt-2"), Path.Combine(trial, "attempt-1"), trial], third.Earlier);
        Assert.Empty(AttemptCheckpoints.For(_temp.Path, "sweep-1", "never-ran", 1).Earlier);
    }

    [Fact]
    public void A_completed_attempt_removes_its_earlier_attempts_folders_and_nothing_else()
    {
        var trial = Path.Combine(_temp.Path, "sweep-1", "t");
        foreach (var name in new[] { "attempt-1", "attempt-2", "attempt-3", "attempt-4" })
        {
            Directory.CreateDirectory(Path.Combine(trial, name));
            File.WriteAllText(Path.Combine(trial, name, "checkpoint.bin"), name);
        }

        File.WriteAllText(Path.Combine(trial, "checkpoint.bin"), "written by an earlier version");

        AttemptCheckpoints.For(_temp.Path, "sweep-1", "t", 3).RemoveEarlier();

        Assert.Equal(["attempt-3", "attempt-4"], Directory.GetDirectories(trial).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(trial, "checkpoint.bin")));
    }

    public void Dispose() => _temp.Dispose();
}
