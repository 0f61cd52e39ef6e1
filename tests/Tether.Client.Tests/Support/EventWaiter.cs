using System.Threading.Channels;
using Tether.Client.Relay.Events;

namespace Tether.Client.Tests.Support;

/// <summary>Reads a client's events until one of the wanted kind shows up, with a deadline.</summary>
internal static class EventWaiter
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The next event of type <typeparamref name="T"/> (matching <paramref name="match"/>), skipping others.</summary>
    public static async Task<T> NextAsync<T>(this ChannelReader<RelayEvent> events, Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : RelayEvent
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var evt = await events.ReadAsync(cancel.Token);
                if (evt is T wanted && (match is null || match(wanted)))
                {
                    return wanted;
                }

                seen.Add(evt.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {typeof(T).Name} within the deadline; saw: {string.Join(", ", seen)}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The stream ended before a {typeof(T).Name}; saw: {string.Join(", ", seen)}");
        }
    }

    /// <summary>Everything left in the stream until it completes (for a client that has stopped).</summary>
    public static async Task<List<RelayEvent>> RestAsync(this ChannelReader<RelayEvent> events, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var rest = new List<RelayEvent>();
        await foreach (var evt in events.ReadAllAsync(cancel.Token))
        {
            rest.Add(evt);
        }

        return rest;
    }
}
