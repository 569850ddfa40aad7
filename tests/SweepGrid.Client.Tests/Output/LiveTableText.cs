using Spectre.Console;
using Spectre.Console.Testing;
using SweepGrid.Client.Output;

namespace SweepGrid.Client.Tests.Output;

/// <summary>The live table as a terminal of a given width would show it, without colours.</summary>
public static class LiveTableText
{
    public static IReadOnlyList<string> Lines(SweepView view, DateTimeOffset now, int maxRows, string? notice = null, int width = 140)
    {
        var console = new TestConsole().Width(width);
        console.Write(LiveTable.Render(view, now, maxRows, notice));
        return console.Lines;
    }

    /// <summary>The same, with the escape sequences a colour terminal gets.</summary>
    public static string Ansi(SweepView view, DateTimeOffset now, int maxRows, int width = 140)
    {
        var console = new TestConsole().Width(width).Colors(ColorSystem.TrueColor).EmitAnsiSequences();
        console.Write(LiveTable.Render(view, now, maxRows));
        return console.Output;
    }
}
