using System.Text.Json;
using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>`sweepgrid launch` of a spec whose data the cluster cannot read, against a standalone silo process that trains with TorchSharp.</summary>
public sealed class LaunchDatasetTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempFolder _temp = new("sweepgrid-launch-data");

    [Fact]
    public async Task Launch_of_a_dataset_folder_no_silo_can_read_is_bad_input_and_stores_no_sweep()
    {
        var (silo, cluster) = SiloProcess.OneSlotFake(_temp);
        silo["SWEEPGRID_Workers__Executor"] = "torch";
        await using var process = await SiloProcess.StartReadyAsync(silo, Patience);
        var missing = _temp.Combine("not-mounted", "digits");
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, SweepFixture.Spec(missing));

        var launch = await SweepGridProcess.RunAsync(["launch", spec, "--cluster", cluster]);

        Assert.True(launch.ExitCode == 2, $"exit {launch.ExitCode}: {launch.Stderr}");
        Assert.StartsWith("error: the cluster cannot read the dataset", launch.Stderr);
        Assert.Contains(missing, launch.Stderr);
        Assert.DoesNotContain("   at ", launch.Stderr);
        Assert.Equal("", launch.Stdout);
        var list = await SweepGridProcess.RunAsync(["list", "--cluster", cluster, "--json"]);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Empty(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Launch_of_test_images_of_another_size_names_the_file()
    {
        var (silo, cluster) = SiloProcess.OneSlotFake(_temp);
        silo["SWEEPGRID_Workers__Executor"] = "torch";
        await using var process = await SiloProcess.StartReadyAsync(silo, Patience);
        var mixed = SyntheticImages.WriteIdxFolder(_temp.Combine("mixed"), trainCount: 50, testCount: 20, side: 28, testSide: 32);
        var spec = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(spec, SweepFixture.Spec(mixed));

        var launch = await SweepGridProcess.RunAsync(["launch", spec, "--cluster", cluster]);

        Assert.True(launch.ExitCode == 2, $"exit {launch.ExitCode}: {launch.Stderr}");
        Assert.Contains("t10k-images-idx3-ubyte.gz at byte 8: holds 32x32 images", launch.Stderr);
        var list = await SweepGridProcess.RunAsync(["list", "--cluster", cluster, "--json"]);
        Assert.Empty(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray());
    }

    public void Dispose() => _temp.Dispose();
}
