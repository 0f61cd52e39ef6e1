using System.Diagnostics;
using System.Text;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// One running Claude Code process: its stdin as a <see cref="StreamJsonWriter"/>, its stdout as a
/// <see cref="BoundedLineReader"/>, its stderr kept in a <see cref="StderrTail"/>. Stopping closes stdin,
/// waits a grace period, then kills the whole process tree: no process is left behind.
/// </summary>
internal sealed class ClaudeProcess : IDisposable
{
    /// <summary>
    /// The longest stdout line read. The SDK's own cap is 1 MB; a Read of a large file or a long tool
    /// result in one assistant/user line can exceed that, and losing a line can lose a can_use_tool.
    /// 16 MiB bounds memory per session and is still far beyond any line seen in practice.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    // stderr lines are only kept for a crash report; longer ones are cut by StderrTail anyway.
    private const int MaxStderrLineBytes = 64 * 1024;

    private readonly Process _process;
    private readonly Task _stderr;
    private int _killed;

    private ClaudeProcess(Process process)
    {
        _process = process;
        Input = new StreamJsonWriter(process.StandardInput.BaseStream);
        Output = new BoundedLineReader(process.StandardOutput.BaseStream, MaxLineBytes);
        _stderr = Task.Run(() => PumpStderrAsync(process.StandardError.BaseStream, Stderr));
    }

    public int Id => _process.Id;

    public StreamJsonWriter Input { get; }

    public BoundedLineReader Output { get; }

    public StderrTail Stderr { get; } = new();

    public bool HasExited => _process.HasExited;

    /// <exception cref="ClaudeSetupException">The executable could not be started.</exception>
    public static ClaudeProcess Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw ClaudeErrors.CouldNotStart(start.FileName, e);
        }

        return new ClaudeProcess(process);
    }

    /// <summary>The exit code, once the process has ended.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for stderr to be read to its end (a child that kept it open must not hold us).</summary>
    public async Task DrainStderrAsync(TimeSpan timeout, TimeProvider time)
    {
        try
        {
            await _stderr.WaitAsync(timeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // What was read so far is the report.
        }
    }

    /// <summary>Closes stdin (Claude ends its session), waits up to <paramref name="grace"/>, then kills the tree.</summary>
    public async Task StopAsync(TimeSpan grace, TimeProvider time)
    {
        await Input.CloseAsync().ConfigureAwait(false);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Ignoring stdin's end, or stuck: killed below.
        }

        Kill();
    }

    /// <summary>Kills the process and every descendant it still has; idempotent.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _killed, 1) == 1)
        {
            return;
        }

        try
        {
            // Also when it has exited: Kill on an exited process is a no-op, and the tree walk finds what
            // is still attached. A running tool (bash and its children) is part of the tree.
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited between the check and the signal.
        }
    }

    public void Dispose()
    {
        Kill();
        Input.Dispose();
        _process.Dispose();
    }

    private static async Task PumpStderrAsync(Stream stream, StderrTail tail)
    {
        var reader = new BoundedLineReader(stream, MaxStderrLineBytes);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                switch (result.Kind)
                {
                    case LineReadKind.End:
                        return;
                    case LineReadKind.Line:
                        tail.Add(Encoding.UTF8.GetString(result.Line.Span));
                        break;
                    default:
                        tail.Add($"[a stderr line of {result.SkippedBytes} bytes was skipped]");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process.
        }
    }
}
