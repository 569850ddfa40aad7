using SweepGrid.TestData;

namespace SweepGrid.Cli.Tests;

/// <summary>Bad input to the sweep commands: exit code 2, one readable message naming what is wrong, and nothing stored.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new("sweepgrid-bad");

    private string Results => _temp.Combine("results");

    public static TheoryData<string, string, string> Specs => new()
    {
        // case, spec text ({data} is a valid dataset folder), a fragment the message must contain
        { "broken yaml", "name: broken\nparameters:\n  optimizer: {values: [sgd, adam]\n", "yaml" },
        { "negative learning rate", SweepFixture.Spec("{data}").Replace("[0.05, 0.002]", "[0.05, -0.002]"), "parameters.learning_rate.values[1]" },
        { "unknown optimizer", SweepFixture.Spec("{data}").Replace("[sgd, adam]", "[sgd, adamw]"), "did you mean 'adam'" },
        { "dropout of one", SweepFixture.Spec("{data}").Replace("learning_rate: {values: [0.05, 0.002]}", "dropout: {values: [0.2, 1.0]}"), "parameters.dropout.values[1]" },
        { "unknown key", SweepFixture.Spec("{data}").Replace("max_retries: 1", "max_retry: 1"), "max_retries" },
        { "missing dataset", SweepFixture.Spec("/nonexistent/sweepgrid-data"), "/nonexistent/sweepgrid-data" },
        { "dataset folder without images", SweepFixture.Spec("{empty}"), "neither IDX files" },
        { "test images of another size", SweepFixture.Spec("{mixed}"), "holds 32x32 images but train-images-idx3-ubyte.gz holds 28x28" },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task A_bad_spec_is_refused_before_anything_is_stored(string name, string spec, string fragment)
    {
        var data = SyntheticImages.WriteIdxFolder(_temp.Combine("data"), trainCount: 50, testCount: 20);
        Directory.CreateDirectory(_temp.Combine("empty"));
        var mixed = SyntheticImages.WriteIdxFolder(_temp.Combine("mixed"), trainCount: 50, testCount: 20, side: 28, testSide: 32);
        var path = _temp.Combine($"{name.Replace(' ', '-')}.yaml");
        await File.WriteAllTextAsync(path, spec.Replace("{data}", data).Replace("{empty}", _temp.Combine("empty")).Replace("{mixed}", mixed));

        var run = await SweepGridProcess.RunAsync(["run", path, "--results", Results]);

        AssertBadInput(run, fragment);
        Assert.False(Directory.Exists(Results) && Directory.EnumerateFileSystemEntries(Results).Any(), $"{name}: something was stored under {Results}");
    }

    [Theory]
    [InlineData("0", "--bundle has bundle '0': give a whole number of trials from 1 (no fusing) to 1024, or auto")]
    [InlineData("-3", "--bundle has bundle '-3'")]
    [InlineData("many", "--bundle has bundle 'many'")]
    [InlineData("5", "--bundle 5 is larger than this sweep allows: it runs at most 4 trials at once (4 trials); give 1 to 4, or auto")]
    public async Task A_bad_bundle_size_is_bad_input_before_anything_is_stored(string bundle, string fragment)
    {
        var path = _temp.Combine("bundled.yaml");
        await File.WriteAllTextAsync(path, SweepFixture.Spec(SyntheticImages.WriteIdxFolder(_temp.Combine("data"), trainCount: 50, testCount: 20)));

        var run = await SweepGridProcess.RunAsync(["run", path, "--results", Results, "--bundle", bundle]);

        AssertBadInput(run, fragment);
        Assert.False(Directory.Exists(Results) && Directory.EnumerateFileSystemEntries(Results).Any(), $"--bundle {bundle}: something was stored under {Results}");
    }

    [Fact]
    public async Task A_spec_file_that_does_not_exist_is_named()
    {
        var run = await SweepGridProcess.RunAsync(["run", _temp.Combine("nope.yaml"), "--results", Results]);

        AssertBadInput(run, "nope.yaml");
        Assert.False(Directory.Exists(Results));
    }

    [Fact]
    public async Task A_spec_file_of_five_megabytes_is_refused_unread_in_a_short_message()
    {
        var path = _temp.Combine("huge.yaml");
        await File.WriteAllTextAsync(path, "name: huge\n# " + new string('x', 5_000_000) + "\n");

        var run = await SweepGridProcess.RunAsync(["run", path, "--results", Results]);

        AssertBadInput(run, "is 5,000,014 bytes long; a spec may hold at most 1,048,576 bytes");
        Assert.True(run.Stderr.Length < 400, run.Stderr);
        Assert.False(Directory.Exists(Results));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("launch")]
    public async Task A_spec_nested_100000_deep_is_bad_input_not_a_crash(string command)
    {
        var path = _temp.Combine("deep.yaml");
        await File.WriteAllTextAsync(path, "name: deep\nparameters:\n  dropout: " + new string('[', 100_000) + "\n");

        // launch checks the spec before it connects: no cluster is needed to refuse it.
        var run = await SweepGridProcess.RunAsync(command == "launch" ? ["launch", path, "--cluster", "localhost:1"] : ["run", path, "--results", Results]);

        AssertBadInput(run, "(yaml): the YAML nests deeper than 64 levels");
        Assert.True(run.Stderr.Length < 400, run.Stderr);
        Assert.False(Directory.Exists(Results));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("leaderboard")]
    [InlineData("best")]
    [InlineData("watch")]
    [InlineData("cancel")]
    public async Task An_unknown_sweep_id_is_bad_input(string command)
    {
        var run = await SweepGridProcess.RunAsync([command, "no-such-sweep-12345678", "--results", Results]);

        AssertBadInput(run, "no sweep 'no-such-sweep-12345678'");
        Assert.False(Directory.Exists(Results));
    }

    [Fact]
    public async Task A_sweep_id_that_would_leave_the_results_folder_is_refused()
    {
        var run = await SweepGridProcess.RunAsync(["status", "../../etc", "--results", Results]);

        AssertBadInput(run, "is not a sweep id");
    }

    [Fact]
    public async Task A_malformed_cluster_address_is_bad_input()
    {
        var run = await SweepGridProcess.RunAsync(["status", "x-12345678", "--cluster", "http://example.org"]);

        AssertBadInput(run, "--cluster 'http://example.org'");
    }

    [Fact]
    public async Task A_tls_certificate_that_does_not_exist_is_bad_input()
    {
        var missing = _temp.Combine("nope.pfx");
        var run = await SweepGridProcess.RunAsync(["list", "--cluster", "localhost:1"],
            new Dictionary<string, string> { ["SWEEPGRID_Tls__CertificatePath"] = missing });

        AssertBadInput(run, $"Tls:CertificatePath '{missing}' does not exist");
    }

    [Theory]
    [InlineData("SWEEPGRID_Workers__ThreadsPerTrial", "0", "Workers:ThreadsPerTrial '0' is too few: give 1 or more")]
    // The embedded silo's 10 s lease is a default: the environment sets it, as for a standalone silo.
    [InlineData("SWEEPGRID_Dispatcher__LeaseTimeout", "00:00:00", "Dispatcher:LeaseTimeout '00:00:00' is not positive")]
    public async Task A_bad_setting_in_the_environment_stops_run_before_it_trains(string variable, string value, string message)
    {
        var data = SyntheticImages.WriteIdxFolder(_temp.Combine("data"), trainCount: 50, testCount: 20);
        var path = _temp.Combine("spec.yaml");
        await File.WriteAllTextAsync(path, SweepFixture.Spec(data));

        var run = await SweepGridProcess.RunAsync(["run", path, "--results", Results], new Dictionary<string, string> { [variable] = value });

        AssertBadInput(run, message);
    }

    [Fact]
    public async Task A_bad_setting_stops_a_standalone_silo_with_exit_code_2()
    {
        var (environment, _) = SiloProcess.OneSlotFake(_temp);
        environment["SWEEPGRID_Cluster__SiloPort"] = "70000";
        await using var silo = SiloProcess.Start(environment);

        var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exit == 2, $"exit {exit}: {silo.Output}");
        Assert.Contains("error: Cluster:SiloPort '70000' is not a port: use 1 to 65535", silo.Output);
        Assert.DoesNotContain("   at ", silo.Output);
    }

    [Fact]
    public async Task No_cluster_at_the_address_is_a_failure_with_advice()
    {
        var run = await SweepGridProcess.RunAsync(["list", "--cluster", "localhost:1"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("could not reach a SweepGrid cluster at localhost:1", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    private static void AssertBadInput(SweepGridProcess.Outcome run, string fragment)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.StartsWith("error: ", run.Stderr);
        Assert.Contains(fragment, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    public void Dispose() => _temp.Dispose();
}
