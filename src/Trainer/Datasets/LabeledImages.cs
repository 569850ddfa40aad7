namespace SweepGrid.Trainer.Datasets;

/// <summary>Images as raw bytes (N × channels × height × width, channel-major per image) with their labels.</summary>
public sealed record LabeledImages(byte[] Pixels, byte[] Labels, int Channels, int Height, int Width)
{
    public int Count => Labels.Length;

    public int FeatureCount => Channels * Height * Width;

    public LabeledImages Take(int count)
    {
        if (count >= Count)
        {
            return this;
        }

        return Select(Enumerable.Range(0, count).ToArray());
    }

    public LabeledImages Select(IReadOnlyList<int> indices)
    {
        var features = FeatureCount;
        var pixels = new byte[indices.Count * features];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Array.Copy(Pixels, (long)indices[i] * features, pixels, (long)i * features, features);
            labels[i] = Labels[indices[i]];
        }

        return this with { Pixels = pixels, Labels = labels };
    }
}
