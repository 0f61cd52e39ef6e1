using Tether.Client.Threading;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// Keeps a connection's token fresh (docs/protocol.md §7.3): queues REFRESH once less than
/// <see cref="RelayClientOptions.RefreshBefore"/> is left, at most once a minute, and takes the
/// relay's TOKEN answers.
/// </summary>
internal sealed class TokenRefresher(RelayClientOptions options, RelayTokenSlot token, RelaySendQueues queues, RelayClientCounters counters)
{
    // The relay ignores a REFRESH sooner than a minute after the last one (§7.3).
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);

    // Tokens live 15 minutes (§7.2); a clock that claims more is wrong, so never wait longer to refresh.
    private static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromMinutes(15);

    private readonly AsyncSignal _tokenChanged = new();

    /// <summary>Keeps a TOKEN the relay sent and wakes the loop to schedule from it.</summary>
    public void TokenReceived(RelayToken received)
    {
        token.Set(received);
        _tokenChanged.Signal();
    }

    /// <summary>Runs until the connection stops, the token is gone, or the control queue is closed.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var time = options.TimeProvider;
        DateTimeOffset? lastRefresh = null;
        while (!stop.IsCancellationRequested)
        {
            var changed = _tokenChanged.Task;
            var current = token.Get();
            if (current is null)
            {
                return;
            }

            // The relay judges the token by its own clock; ours only schedules, and a remaining time
            // longer than any token lives is our clock being behind.
            var remaining = TimeSpan.FromTicks(Math.Clamp(current.RemainingAt(time).Ticks, 0, MaxTokenLifetime.Ticks));
            var wait = remaining - options.RefreshBefore;
            if (lastRefresh is { } last)
            {
                var earliest = last + MinRefreshInterval - time.GetUtcNow();
                wait = wait > earliest ? wait : earliest;
            }

            if (wait > TimeSpan.Zero)
            {
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var delay = Task.Delay(wait, time, wake.Token);
                await Task.WhenAny(delay, changed).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
                continue; // re-read the token: a new one or the time has come
            }

            if (!await queues.QueueControlAsync(RelayFrames.Refresh(), stop).ConfigureAwait(false))
            {
                return;
            }

            counters.Refreshed();
            lastRefresh = time.GetUtcNow();
        }
    }
}
