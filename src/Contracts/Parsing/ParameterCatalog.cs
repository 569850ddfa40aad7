using SweepGrid.Contracts.Specs;

namespace SweepGrid.Contracts.Parsing;

/// <summary>Every field a spec may fix in its model or training section, or sweep under parameters.</summary>
internal static class ParameterCatalog
{
    public static readonly IReadOnlyList<ParameterDefinition> All =
    [
        new("hidden", "model", ParameterValueKind.Sizes) { Domain = NumericDomain.WholeAtLeast(1) },
        new("activations", "model", ParameterValueKind.Names) { Choices = SpecVocabulary.Activations },
        new("batch_norm", "model", ParameterValueKind.Flag),
        new("dropout", "model", ParameterValueKind.Real) { Domain = NumericDomain.Fraction },
        new("regularize_every_layer", "model", ParameterValueKind.Flag),
        new("optimizer", "training", ParameterValueKind.Choice) { Choices = SpecVocabulary.Optimizers },
        new("learning_rate", "training", ParameterValueKind.Real) { Domain = NumericDomain.Positive },
        new("momentum", "training", ParameterValueKind.Real) { Domain = NumericDomain.Fraction },
        new("nesterov", "training", ParameterValueKind.Flag),
        new("weight_decay", "training", ParameterValueKind.Real) { Domain = NumericDomain.NonNegative },
        new("lr_schedule", "training", ParameterValueKind.Choice) { Choices = SpecVocabulary.LrSchedules },
        new("lr_step_size", "training", ParameterValueKind.Integer) { Domain = NumericDomain.WholeAtLeast(1) },
        new("lr_gamma", "training", ParameterValueKind.Real) { Domain = NumericDomain.UpToOne },
        new("min_learning_rate", "training", ParameterValueKind.Real) { Domain = NumericDomain.NonNegative },
        new("epochs", "training", ParameterValueKind.Integer) { Domain = NumericDomain.WholeAtLeast(1) },
        new("batch_size", "training", ParameterValueKind.Integer) { Domain = NumericDomain.WholeAtLeast(1) },
        new("seed", "training", ParameterValueKind.Integer) { Domain = NumericDomain.AnyWhole },
    ];

    public static ParameterDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    public static IReadOnlyList<string> NamesIn(string section) => All.Where(d => d.Section == section).Select(d => d.Name).ToList();
}
