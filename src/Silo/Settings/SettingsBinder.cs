using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using SweepGrid.Silo.Hosting;

namespace SweepGrid.Silo.Settings;

/// <summary>
/// Binds an options type's public settable properties from its section. Not the configuration binder: a value it cannot
/// read must name its key, the text given and what is allowed (the binder says "failed to convert" and names the type),
/// and a list is one comma-separated value, as an environment variable gives it.
/// </summary>
public static class SettingsBinder
{
    /// <summary>The properties a section's keys set: every public instance property with a public setter.</summary>
    public static IReadOnlyList<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.SetMethod is { IsPublic: true }).ToList();

    public static object Bind(IConfigurationSection section, Type type)
    {
        var options = Activator.CreateInstance(type)!;
        foreach (var property in Properties(type))
        {
            var text = section[property.Name];
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            // An empty value (SWEEPGRID_Cluster__SiloPort=) keeps the default, as an unset one does; only text can be empty.
            if (text is null || (target != typeof(string) && string.IsNullOrWhiteSpace(text)))
            {
                continue;
            }

            property.SetValue(options, Read($"{section.Path}:{property.Name}", text, target));
        }

        return options;
    }

    public static void Copy<T>(T from, T to)
        where T : class
    {
        foreach (var property in Properties(typeof(T)))
        {
            property.SetValue(to, property.GetValue(from));
        }
    }

    private static object Read(string key, string text, Type type)
    {
        var value = text.Trim();
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(int))
        {
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : throw Bad(key, text, "is not a whole number");
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(value, out var flag) ? flag : throw Bad(key, text, "is not known: use true or false");
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : throw Bad(key, text, "is not a duration: write [d.]hh:mm:ss[.fff] (e.g. 00:00:30)");
        }

        if (type.IsEnum)
        {
            // By name only: Enum.Parse would also take "7" and give a mode that does not exist.
            var names = Enum.GetNames(type);
            return names.FirstOrDefault(name => name.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } known
                ? Enum.Parse(type, known)
                : throw Bad(key, text, $"is not known: use {Alternatives(names.Select(name => name.ToLowerInvariant()))}");
        }

        if (type == typeof(IPAddress))
        {
            return IPAddress.TryParse(value, out var address) ? address : throw Bad(key, text, "is not an IP address: give one the other silos and the clients can reach (e.g. 10.0.0.5)");
        }

        if (type == typeof(string[]))
        {
            return value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        throw new InvalidOperationException($"{key}: SettingsBinder reads text, whole numbers, true/false, durations, enums, IP addresses and lists, not {type.Name}");
    }

    /// <summary>"a or b", "a, b or c".</summary>
    public static string Alternatives(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count < 2 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} or {list[^1]}";
    }

    private static SiloConfigurationException Bad(string key, string text, string problem) => new(key, $"{key} '{text}' {problem}");
}
