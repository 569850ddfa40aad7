namespace SweepGrid.TestData.Protobuf;

/// <summary>Looking fields up by number in a decoded message.</summary>
public static class ProtoFields
{
    public static ProtoField? Field(this IReadOnlyList<ProtoField> fields, int number) => fields.LastOrDefault(f => f.Number == number);

    public static IEnumerable<ProtoField> All(this IReadOnlyList<ProtoField> fields, int number) => fields.Where(f => f.Number == number);
}
