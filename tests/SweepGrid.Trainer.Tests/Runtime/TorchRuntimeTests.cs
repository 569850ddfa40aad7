using SweepGrid.TestData;
using SweepGrid.Trainer.Runner;
using SweepGrid.Trainer.Runtime;

namespace SweepGrid.Trainer.Tests.Runtime;

public sealed class TorchRuntimeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Probe_tells_an_old_libstdcxx_from_a_new_one()
    {
        var old = _temp.Combine("old.so");
        var recent = _temp.Combine("new.so");
        File.WriteAllBytes(old, "\u007fELF....GLIBCXX_3.4.30\0GLIBCXX_3.4.3\0"u8.ToArray());
        File.WriteAllBytes(recent, "\u007fELF....GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0"u8.ToArray());

        Assert.False(LibStdCxxProbe.Provides(old, LibStdCxxProbe.RequiredVersion));
        Assert.True(LibStdCxxProbe.Provides(recent, LibStdCxxProbe.RequiredVersion));
    }

    [Fact]
    public void This_process_runs_on_a_libstdcxx_that_torchsharp_accepts()
    {
        var library = LibStdCxxProbe.Locate();
        Assert.NotNull(library);
        Assert.True(LibStdCxxProbe.Provides(library, LibStdCxxProbe.RequiredVersion), $"{library} lacks {LibStdCxxProbe.RequiredVersion}");
    }

    [Fact]
    public void Missing_glibcxx_message_is_one_paragraph_naming_the_requirement_and_the_fix()
    {
        var message = TorchRuntime.MissingGlibcxx("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
        Assert.DoesNotContain('\n', message);
        Assert.Contains("GLIBCXX_3.4.32", message);
        Assert.Contains("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", message);
        Assert.Contains("scripts/provision.sh", message);
    }

    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("CUDA:3", "cuda:3")]
    public void Devices_parse(string text, string expected) => Assert.Equal(expected, DeviceSpec.Parse(text).ToString());

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    public void Unknown_devices_are_refused_with_the_allowed_forms(string text)
    {
        var error = Assert.Throws<TrainingConfigException>(() => DeviceSpec.Parse(text));
        Assert.Contains("cpu, cuda or cuda:N", error.Allowed);
    }

    public void Dispose() => _temp.Dispose();
}
