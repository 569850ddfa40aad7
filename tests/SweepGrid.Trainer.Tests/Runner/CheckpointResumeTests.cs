using SweepGrid.TestData;
using SweepGrid.Trainer.Checkpoints;
using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Tests.Runner;

/// <summary>Which checkpoint a trial resumes from when there are several, or bad ones: attempts write their own folders and
/// read their earlier attempts'; a damaged file is passed over rather than trained on or fatal.</summary>
public sealed class CheckpointResumeTests(SyntheticDataFixture fixture) : IClassFixture<SyntheticDataFixture>, IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("flipped")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public void A_damaged_checkpoint_is_passed_over_and_the_trial_starts_over_to_the_result_of_a_clean_run(string damage)
    {
        var clean = TrialRunner.Run(fixture.Spec(), fixture.Data);
        var checkpoints = _temp.Combine("trial");
        TrialRunner.Run(fixture.Spec(checkpoints), fixture.Data, r => r.Epoch == 2 ? EpochDirective.StopWith("lease lost") : EpochDirective.Continue);
        var file = CheckpointFile.PathIn(checkpoints);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, damage switch
        {
            // One bit deep in the weights: the header still reads, only the checksum tells.
            "flipped" => bytes.Select((b, i) => i == bytes.Length / 2 ? (byte)(b ^ 0x10) : b).ToArray(),
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => [],
        });

        var seen = new List<int>();
        var resumed = TrialRunner.Run(fixture.Spec(checkpoints), fixture.Data, r =>
        {
            seen.Add(r.Epoch);
            return EpochDirective.Continue;
        });

        Assert.Equal(TrialOutcome.Completed, resumed.Outcome);
        Assert.Equal(0, resumed.ResumedFromEpoch);
        Assert.Equal([1, 2, 3, 4], seen);
        Assert.Equal(Losses(clean), Losses(resumed));
        var passedOver = Assert.Single(resumed.PassedOverCheckpoints);
        Assert.Contains(file, passedOver);
        Assert.Contains(damage == "flipped" ? "damaged" : "truncated", passedOver);
        // The good checkpoint of the finished run replaced the damaged one.
        Assert.Equal(4, CheckpointFile.ReadState(checkpoints)!.Epoch);
    }

    [Fact]
    public void An_attempt_resumes_from_the_latest_earlier_attempt_and_leaves_their_folders_as_they_were()
    {
        var clean = TrialRunner.Run(fixture.Spec(), fixture.Data);
        var first = _temp.Combine("attempt-1");
        var second = _temp.Combine("attempt-2");
        var third = _temp.Combine("attempt-3");
        TrialRunner.Run(fixture.Spec(first), fixture.Data, r => r.Epoch == 1 ? EpochDirective.StopWith("lost") : EpochDirective.Continue);
        var firstBytes = File.ReadAllBytes(CheckpointFile.PathIn(first));
        var fromFirst = TrialRunner.Run(fixture.Spec(second) with { ResumeFrom = [first] }, fixture.Data,
            r => r.Epoch == 3 ? EpochDirective.StopWith("lost") : EpochDirective.Continue);
        Assert.Equal(1, fromFirst.ResumedFromEpoch);
        Assert.Equal(firstBytes, File.ReadAllBytes(CheckpointFile.PathIn(first)));

        // The newest folder first, as the worker lists them, but the latest epoch wins whatever the order.
        var last = TrialRunner.Run(fixture.Spec(third) with { ResumeFrom = [first, second] }, fixture.Data);

        Assert.Equal(3, last.ResumedFromEpoch);
        Assert.Equal(Losses(clean), Losses(last));
        Assert.Equal(clean.Test!.ConfusionMatrix.Counts, last.Test!.ConfusionMatrix.Counts);
        Assert.Equal(firstBytes, File.ReadAllBytes(CheckpointFile.PathIn(first)));
        Assert.Equal(3, CheckpointFile.ReadState(second)!.Epoch);
        Assert.Equal(4, CheckpointFile.ReadState(third)!.Epoch);
        Assert.Empty(last.PassedOverCheckpoints);
    }

    [Fact]
    public void A_checkpoint_of_another_configuration_in_a_folder_only_read_is_passed_over_not_fatal()
    {
        var other = _temp.Combine("other");
        TrialRunner.Run(fixture.Spec(other) with { Seed = 99, Epochs = 2 }, fixture.Data);
        var otherBytes = File.ReadAllBytes(CheckpointFile.PathIn(other));

        var result = TrialRunner.Run(fixture.Spec(_temp.Combine("own")) with { ResumeFrom = [other] }, fixture.Data);

        Assert.Equal((TrialOutcome.Completed, 0), (result.Outcome, result.ResumedFromEpoch));
        Assert.Contains("another configuration", Assert.Single(result.PassedOverCheckpoints));
        Assert.Equal(otherBytes, File.ReadAllBytes(CheckpointFile.PathIn(other)));
    }

    private static double[] Losses(TrialResult result) => result.History.Select(h => h.TrainLoss).ToArray();

    public void Dispose() => _temp.Dispose();
}
