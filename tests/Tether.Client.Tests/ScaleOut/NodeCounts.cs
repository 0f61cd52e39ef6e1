using System.Globalization;

namespace Tether.Client.Tests.ScaleOut;

/// <summary>What one relay node's /metrics says about who is on it (no channel ids: the relay never shows them).</summary>
/// <param name="Hosts">Host connections.</param>
/// <param name="Devices">Device connections.</param>
/// <param name="Channels">Channels with at least one connection.</param>
internal readonly record struct NodeCounts(long Hosts, long Devices, long Channels)
{
    /// <summary>Both ends of every channel on the node are here: as many channels as hosts as devices (one device each).</summary>
    public bool EveryChannelComplete => Hosts == Devices && Hosts == Channels;

    public static NodeCounts Parse(string metrics)
    {
        long hosts = 0, devices = 0, channels = 0;
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith("tether_relay_connections{role=\"host\"}", StringComparison.Ordinal))
            {
                hosts = Value(line);
            }
            else if (line.StartsWith("tether_relay_connections{role=\"device\"}", StringComparison.Ordinal))
            {
                devices = Value(line);
            }
            else if (line.StartsWith("tether_relay_channels ", StringComparison.Ordinal))
            {
                channels = Value(line);
            }
        }

        return new NodeCounts(hosts, devices, channels);
    }

    private static long Value(string line) => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
