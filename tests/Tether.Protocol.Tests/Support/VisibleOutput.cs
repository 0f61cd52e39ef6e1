namespace Tether.Protocol.Tests.Support;

/// <summary>
/// Writes a summary line to the test host's real stdout. xunit 2 shows ITestOutputHelper text only at
/// detailed verbosity, while VSTest forwards the host's stdout from "normal" console verbosity up, which
/// the test project selects with &lt;VSTestLogger&gt;console%3Bverbosity=normal&lt;/VSTestLogger&gt;.
/// </summary>
internal static class VisibleOutput
{
    public static void WriteLine(string line) => Console.Out.WriteLine(line);
}
