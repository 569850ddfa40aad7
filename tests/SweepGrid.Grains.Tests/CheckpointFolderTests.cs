using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SweepGrid.Silo.Hosting;
using SweepGrid.Silo.Settings;
using SweepGrid.Silo.Workers;
using SweepGrid.TestData;

namespace SweepGrid.Grains.Tests;

/// <summary>The default checkpoint folder is the user's own, and a folder the silo makes is readable by that user alone.</summary>
[SupportedOSPlatform("linux")]
public sealed class CheckpointFolderTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempFolder _temp = new("sweepgrid-checkpoint-folder");

    [Fact]
    public void The_default_is_under_xdg_state_home_when_it_is_an_absolute_path() =>
        Assert.Equal("/var/lib/alice-state/sweepgrid/checkpoints", CheckpointFolder.Default("/var/lib/alice-state", "/home/alice"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/state")]
    public void Without_an_absolute_xdg_state_home_the_default_is_under_the_home_folder(string? stateHome) =>
        Assert.Equal("/home/alice/.local/state/sweepgrid/checkpoints", CheckpointFolder.Default(stateHome, "/home/alice"));

    [Fact]
    public void An_unset_checkpoint_root_is_the_users_state_folder_not_the_temp_folder()
    {
        var root = SweepGridSettings.Load(new ConfigurationBuilder().Build()).Workers.CheckpointRoot;

        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } set && Path.IsPathRooted(set)
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        Assert.Equal(Path.Combine(stateHome, "sweepgrid", "checkpoints"), root);
        Assert.False(root.StartsWith(Path.GetTempPath(), StringComparison.Ordinal), $"{root} is under the temp folder");
    }

    [Fact]
    public void A_folder_the_silo_creates_and_its_missing_parents_are_readable_by_their_user_only()
    {
        var root = _temp.Combine("state", "sweepgrid", "checkpoints");

        CheckpointFolder.Prepare(root);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(root));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_temp.Combine("state", "sweepgrid")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_temp.Combine("state")));
    }

    [Fact]
    public void A_folder_that_exists_keeps_its_mode()
    {
        var shared = _temp.Combine("shared-volume");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        CheckpointFolder.Prepare(shared);

        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute, File.GetUnixFileMode(shared));
    }

    [Fact]
    public void A_silo_with_slots_creates_its_checkpoint_folder_and_one_without_slots_does_not()
    {
        var training = _temp.Combine("training", "checkpoints");
        var reading = _temp.Combine("reading", "checkpoints");

        BuildSilo(training, slots: "cpu x1");
        BuildSilo(reading, slots: "");

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(training));
        Assert.False(Directory.Exists(reading), "a silo that trains nothing made a checkpoint folder");
    }

    [Fact]
    public void A_checkpoint_folder_that_cannot_be_made_names_workers_checkpointroot()
    {
        var file = _temp.Combine("a-file");
        File.WriteAllText(file, "");

        var e = Assert.Throws<SiloConfigurationException>(() => CheckpointFolder.Prepare(Path.Combine(file, "checkpoints")));

        Assert.Equal("Workers:CheckpointRoot", e.Key);
        Assert.Contains("could not be created", e.Message);
    }

    private static void BuildSilo(string checkpointRoot, string slots)
    {
        var settings = SweepGridSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workers:Slots"] = slots,
            ["Workers:CheckpointRoot"] = checkpointRoot,
        }).Build());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddSweepGrid(settings));
        using var host = builder.Build();
    }

    public void Dispose() => _temp.Dispose();
}
