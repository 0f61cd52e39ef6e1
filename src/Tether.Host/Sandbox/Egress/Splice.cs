using System.Diagnostics;
using System.Net.Sockets;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// Copies bytes both ways between the agent and the upstream until both sides have closed, one fails, or
/// neither has sent anything for the idle timeout. Idleness is shared: a long SSE download with a silent
/// upload is busy, not idle.
/// </summary>
internal sealed class Splice(Socket client, Socket upstream, TimeSpan idleTimeout)
{
    private long _lastActivity = Stopwatch.GetTimestamp();
    private long _up;
    private long _down;

    public long BytesUp => Interlocked.Read(ref _up);

    public long BytesDown => Interlocked.Read(ref _down);

    /// <summary>Runs until the tunnel ends; returns true when it ended because it was idle.</summary>
    public async Task<bool> RunAsync(CancellationToken stop)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var pumps = Task.WhenAll(PumpAsync(client, upstream, up: true, cancel), PumpAsync(upstream, client, up: false, cancel));
        var idle = false;
        var period = idleTimeout / 4;
        while (!pumps.IsCompleted)
        {
            await Task.WhenAny(pumps, Task.Delay(period, cancel.Token)).ConfigureAwait(false);
            if (!pumps.IsCompleted && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)) > idleTimeout)
            {
                idle = true;
                await cancel.CancelAsync().ConfigureAwait(false);
            }

            if (cancel.IsCancellationRequested)
            {
                break;
            }
        }

        await pumps.ConfigureAwait(false);
        return idle;
    }

    private async Task PumpAsync(Socket from, Socket to, bool up, CancellationTokenSource cancel)
    {
        var buffer = new byte[EgressLimits.SpliceBufferBytes];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancel.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    // Half-close: pass the end on and keep the other direction running (the response may still flow).
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancel.Token).ConfigureAwait(false);
                Interlocked.Add(ref up ? ref _up : ref _down, read);
                Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset or a cancel on one side ends the tunnel both ways.
            await cancel.CancelAsync().ConfigureAwait(false);
        }
    }
}
