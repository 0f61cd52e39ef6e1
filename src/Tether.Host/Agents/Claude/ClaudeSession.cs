namespace Tether.Host.Agents.Claude;

/// <summary>One Claude process with its control protocol and its reader; a crash ends it and the next prompt makes another.</summary>
internal sealed class ClaudeSession : IDisposable
{
    private readonly CancellationTokenSource _stopReading = new();

    public ClaudeSession(ClaudeProcess process, ClaudeControl control)
    {
        Process = process;
        Control = control;
    }

    public ClaudeProcess Process { get; }

    public ClaudeControl Control { get; }

    /// <summary>The reader loop; it ends after the process has.</summary>
    public Task Reading { get; set; } = Task.CompletedTask;

    /// <summary>Cancelled to stop reading stdout (after the process exited and its last lines had time to arrive).</summary>
    public CancellationToken ReadingToken => _stopReading.Token;

    /// <summary>Stops reading stdout; safe after <see cref="Dispose"/>.</summary>
    public void StopReading()
    {
        try
        {
            _stopReading.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session is gone already.
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        _stopReading.Dispose();
    }
}
