using SweepGrid.Trainer.Runner;

namespace SweepGrid.Trainer.Datasets;

/// <summary>Turns a dataset name (fashion-mnist, cifar10) or a folder path into a source.</summary>
public static class DatasetResolver
{
    public const string FashionMnistDefaultFolder = "/usr/share/datasets/fashion-mnist";
    public const string DataFolderVariable = "SWEEPGRID_DATA";

    public static IDatasetSource Resolve(string nameOrPath)
    {
        switch (nameOrPath.ToLowerInvariant())
        {
            case "fashion-mnist" or "fashion_mnist" or "fashionmnist":
                return FashionMnist();
            case "cifar10" or "cifar-10":
                return Cifar10();
        }

        if (Directory.Exists(nameOrPath))
        {
            return FromFolder(nameOrPath);
        }

        throw new TrainingConfigException("dataset", nameOrPath,
            "use fashion-mnist, cifar10 or the path of a folder holding IDX files (MNIST / Fashion-MNIST) or CIFAR-10 binary batches");
    }

    private static IDatasetSource FromFolder(string folder)
    {
        if (IdxDatasetSource.LooksLikeIdxFolder(folder))
        {
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
            var classes = name.Contains("fashion", StringComparison.OrdinalIgnoreCase)
                ? IdxDatasetSource.FashionMnistClasses
                : IdxDatasetSource.DigitClasses;
            return new IdxDatasetSource(name, folder, classes);
        }

        if (Cifar10DatasetSource.Locate(folder) is { } cifar)
        {
            return new Cifar10DatasetSource(cifar);
        }

        throw new TrainingConfigException("dataset", folder,
            "the folder holds neither IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-…) nor CIFAR-10 binary batches (data_batch_1.bin … data_batch_5.bin, test_batch.bin)");
    }

    private static IDatasetSource FashionMnist()
    {
        var candidates = DataFolders().Select(f => Path.Combine(f, "fashion-mnist")).Concat(DataFolders())
            .Append(FashionMnistDefaultFolder);
        foreach (var folder in candidates)
        {
            if (IdxDatasetSource.LooksLikeIdxFolder(folder))
            {
                return new IdxDatasetSource("fashion-mnist", folder, IdxDatasetSource.FashionMnistClasses);
            }
        }

        throw new TrainingConfigException("dataset", "fashion-mnist",
            $"its files were not found in {FashionMnistDefaultFolder}: install the Debian package dataset-fashion-mnist (scripts/provision.sh does), set {DataFolderVariable} to a folder holding them, or pass the folder's path");
    }

    private static IDatasetSource Cifar10()
    {
        var candidates = DataFolders().SelectMany(f => new[] { Path.Combine(f, "cifar10"), Path.Combine(f, "cifar-10"), f });
        foreach (var folder in candidates)
        {
            if (Cifar10DatasetSource.Locate(folder) is { } found)
            {
                return new Cifar10DatasetSource(found);
            }
        }

        throw new TrainingConfigException("dataset", "cifar10",
            $"CIFAR-10 is not installed with SweepGrid: pass the path of the folder holding its binary batches (data_batch_1.bin … test_batch.bin), or set {DataFolderVariable} to a folder containing cifar10/");
    }

    private static IEnumerable<string> DataFolders()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DataFolderVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? [] : [fromEnvironment];
    }
}
