using System.Diagnostics;
using System.Text;

namespace Tether.Host.Agents.Claude;

/// <summary>Runs <c>claude --version</c> once and refuses what cannot be driven.</summary>
internal static class ClaudeVersionCheck
{
    // The real CLI answers in about a second; a cold npm cache or a slow disk can take several.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // "2.1.197 (Claude Code)" is 21 bytes; anything past this is not a version line.
    private const int MaxOutputChars = 4096;

    /// <summary>The version of <paramref name="executable"/>.</summary>
    /// <exception cref="ClaudeSetupException">It does not start, does not answer, prints no version, or is too old.</exception>
    public static async Task<ClaudeVersion> RunAsync(string executable, ProcessStartInfo template, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = template.WorkingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--version");
        start.Environment.Clear();
        foreach (var (key, value) in template.Environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw ClaudeErrors.CouldNotStart(executable, e);
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        string output;
        try
        {
            // Read but unused: only drained so that a chatty stderr cannot block the process.
            var stderr = ReadBoundedAsync(process.StandardError, timeout.Token);
            output = await ReadBoundedAsync(process.StandardOutput, timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ClaudeErrors.VersionTimedOut(executable);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var line = output.Trim();
        if (!ClaudeVersion.TryParse(line, out var version))
        {
            throw ClaudeErrors.VersionUnreadable(executable, line.Length > 80 ? line[..80] + "…" : line);
        }

        return version < ClaudeVersion.Minimum ? throw ClaudeErrors.VersionTooOld(version) : version;
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxOutputChars];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        // Drain the rest so the process is not blocked on a full pipe.
        var scratch = new char[MaxOutputChars];
        while (await reader.ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0)
        {
        }

        return new string(buffer, 0, total);
    }
}
