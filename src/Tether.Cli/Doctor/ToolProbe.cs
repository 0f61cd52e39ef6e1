using System.ComponentModel;
using System.Diagnostics;

namespace Tether.Cli.Doctor;

/// <summary>Runs a helper program (bwrap, socat) with a deadline and bounded output, for doctor checks.</summary>
internal static class ToolProbe
{
    // bwrap and socat answer --version instantly; a namespace test takes well under a second.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    // A version line is short; more than this is not worth keeping.
    private const int MaxOutputChars = 2000;

    /// <summary>The exit code and first output line, or null when the program could not be started (not installed).</summary>
    public static async Task<(int ExitCode, string Output)?> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(Deadline);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            var stdout = await process.StandardOutput.ReadToEndAsync(deadline.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var text = (stdout + "\n" + await stderr.ConfigureAwait(false)).Trim();
            var first = text.Split('\n', 2)[0].Trim();
            return (process.ExitCode, first.Length > MaxOutputChars ? first[..MaxOutputChars] : first);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"did not finish within {Deadline.TotalSeconds} s");
        }
    }
}
