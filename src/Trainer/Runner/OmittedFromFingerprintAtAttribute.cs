using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SweepGrid.Trainer.Runner;

/// <summary>
/// Marks a setting added after checkpoints were first fingerprinted: at this value it is left out of the fingerprint, so a
/// checkpoint written before the setting existed still resumes the trial it belongs to.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OmittedFromFingerprintAtAttribute(double value) : Attribute
{
    public double Value { get; } = value;

    /// <summary>Serializes every property but those at their marked value.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitMarkedDefaults } },
    };

    private static void OmitMarkedDefaults(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider?.GetCustomAttributes(typeof(OmittedFromFingerprintAtAttribute), false) is [OmittedFromFingerprintAtAttribute marked])
            {
                property.ShouldSerialize = (_, value) => value is not double number || number != marked.Value;
            }
        }
    }
}
