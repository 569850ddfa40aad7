using SweepGrid.Silo.Hosting;

// A standalone silo (SiloHost: its settings, and the Orleans dashboard when Dashboard:Enabled is set).
try
{
    await SiloHost.RunAsync(args);
    return 0;
}
catch (SiloConfigurationException e)
{
    // A setting that cannot work: one paragraph naming it and exit code 2, as the CLI does, not a stack trace.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
