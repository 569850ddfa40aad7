namespace SweepGrid.Client;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran but its work failed (a trial diverged, a sweep failed).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: arguments, spec, dataset files. Nothing was stored.</summary>
    public const int BadInput = 2;

    public const int Interrupted = 130;
}
