namespace SweepGrid.Contracts.Configuration;

/// <summary>The spec section a configuration field is written in.</summary>
public enum ConfigSection
{
    Dataset,
    Model,
    Training,
}
