using System.Net;

namespace SweepGrid.Client.Dashboard;

/// <summary>The page for a path or sweep id the dashboard does not know: what was asked for, and the way back.</summary>
public static class NotFoundPage
{
    public static string Html(string what) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Not found · SweepGrid</title>
        <style>body{"{"}font-family:system-ui,sans-serif;margin:4rem auto;max-width:40rem;color:#1f2937{"}"}a{"{"}color:#2563eb{"}"}</style></head>
        <body><h1>Not found</h1><p id="not-found">{WebUtility.HtmlEncode(what)}</p>
        <p><a href="/">All sweeps</a> · <a href="/nodes">Nodes</a></p></body></html>
        """;
}
