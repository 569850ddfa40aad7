using System.Globalization;
using System.Text;

namespace SweepGrid.Contracts.Trials;

/// <summary>Culture-free text for values that are hashed into trial ids: the same value always gives the same text.</summary>
internal static class CanonicalText
{
    public static string Real(double value)
    {
        // -0 and 0 train identically, so they must not give two trial ids.
        if (value == 0)
        {
            value = 0;
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Flag(bool value) => value ? "true" : "false";

    public static string Quoted(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
