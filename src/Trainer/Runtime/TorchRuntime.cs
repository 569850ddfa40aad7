using System.Runtime.InteropServices;
using TorchSharp;

namespace SweepGrid.Trainer.Runtime;

/// <summary>Loads libtorch once, before first use: from NuGet's libtorch-cpu by default, or from an existing
/// PyTorch install named by SWEEPGRID_LIBTORCH; fails with one readable paragraph instead of a loader trace.</summary>
public static class TorchRuntime
{
    public const string LibTorchVariable = "SWEEPGRID_LIBTORCH";

    // Loaded by full path in dependency order, so the TorchSharp wrapper's own dependencies resolve to them.
    private static readonly string[] ExternalLibraries =
        ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];

    private static readonly Lock Gate = new();
    private static bool _loaded;

    public static void EnsureAvailable(string? libTorchDirectory = null)
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            var external = libTorchDirectory ?? Environment.GetEnvironmentVariable(LibTorchVariable);
            if (!string.IsNullOrWhiteSpace(external))
            {
                LoadExternal(external);
            }

            try
            {
                using var probe = torch.zeros(1);
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or EntryPointNotFoundException)
            {
                throw new TorchUnavailableException(Explain(e), e);
            }

            _loaded = true;
        }
    }

    public static string Explain(Exception e)
    {
        var library = LibStdCxxProbe.Locate();
        if (library is not null && !LibStdCxxProbe.Provides(library, LibStdCxxProbe.RequiredVersion))
        {
            return MissingGlibcxx(library);
        }

        var detail = FirstLine(e.InnerException?.Message ?? e.Message);
        return "SweepGrid could not load libtorch, the native library that TorchSharp trains with. " +
               $"The loader said: {detail} " +
               "With the default build, libtorch comes from the NuGet package libtorch-cpu-linux-x64 next to the program; " +
               $"with TorchBackend=external, set {LibTorchVariable} to the 'lib' folder of an existing PyTorch install " +
               "(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),\"lib\"))').";
    }

    public static string MissingGlibcxx(string library) =>
        $"SweepGrid cannot start training: TorchSharp's native wrapper needs a C++ runtime providing {LibStdCxxProbe.RequiredVersion} " +
        $"(libstdc++ from GCC 13 or newer), and this system's {library} is older. Debian 13 and Ubuntu 24.04 or newer have it. " +
        "On Debian 12, run scripts/provision.sh, which installs Debian 13's libstdc++6 through apt; " +
        "elsewhere install a newer libstdc++ (or point LD_LIBRARY_PATH at a folder holding one) and try again.";

    private static void LoadExternal(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new TorchUnavailableException(
                $"{LibTorchVariable} names '{directory}', which is not a folder. Set it to the 'lib' folder of a PyTorch install, the one holding libtorch.so, or unset it to use the libtorch shipped with SweepGrid.");
        }

        if (!File.Exists(Path.Combine(directory, "libtorch.so")))
        {
            throw new TorchUnavailableException(
                $"{LibTorchVariable} names '{directory}', but it holds no libtorch.so. Set it to the 'lib' folder of a PyTorch install, or unset it to use the libtorch shipped with SweepGrid.");
        }

        foreach (var name in ExternalLibraries)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new TorchUnavailableException(
                    $"Loading {path} (from {LibTorchVariable}) failed: {FirstLine(e.Message)} Its own dependencies must be findable: add '{directory}' to LD_LIBRARY_PATH.", e);
            }
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
