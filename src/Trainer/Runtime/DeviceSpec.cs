using System.Globalization;
using SweepGrid.Trainer.Runner;
using TorchSharp;

namespace SweepGrid.Trainer.Runtime;

/// <summary>Where a trial trains: cpu, cuda or cuda:N.</summary>
public sealed record DeviceSpec(DeviceType Type, int Index)
{
    public static readonly DeviceSpec Cpu = new(DeviceType.CPU, -1);

    public bool IsCuda => Type == DeviceType.CUDA;

    public static DeviceSpec Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value == "cpu")
        {
            return Cpu;
        }

        if (value == "cuda")
        {
            return new DeviceSpec(DeviceType.CUDA, 0);
        }

        if (value.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new DeviceSpec(DeviceType.CUDA, index);
        }

        throw new TrainingConfigException("device", text, "use cpu, cuda or cuda:N (N counting GPUs from 0)");
    }

    /// <summary>The torch device, after checking that it exists in this process.</summary>
    public torch.Device Open()
    {
        if (!IsCuda)
        {
            return torch.CPU;
        }

        if (!torch.TryInitializeDeviceType(DeviceType.CUDA) || !torch.cuda.is_available())
        {
            throw new TrainingConfigException("device", ToString(),
                $"CUDA is not available in this process: build with -p:TorchBackend=cuda, or with -p:TorchBackend=external and {TorchRuntime.LibTorchVariable} naming a CUDA-enabled PyTorch's lib folder; or use cpu");
        }

        var count = torch.cuda.device_count();
        if (Index >= count)
        {
            throw new TrainingConfigException("device", ToString(), $"this machine has {count} GPU{(count == 1 ? "" : "s")}: use cuda:0{(count > 1 ? $" … cuda:{count - 1}" : "")}");
        }

        return torch.device(DeviceType.CUDA, Index);
    }

    public override string ToString() => IsCuda ? $"cuda:{Index}" : "cpu";
}
