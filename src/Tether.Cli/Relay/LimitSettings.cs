using System.Globalization;
using Tether.Relay;

namespace Tether.Cli.Relay;

/// <summary>
/// <c>--limit name=value</c>: sets one field of <see cref="RelayLimits"/> by its kebab-case name.
/// Durations take a unit (<c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>).
/// </summary>
internal static class LimitSettings
{
    private static readonly Dictionary<string, Func<RelayLimits, string, RelayLimits>> Setters = new(StringComparer.Ordinal)
    {
        ["auth-timeout"] = (l, v) => l with { AuthTimeout = Duration(v) },
        ["queue-frames"] = (l, v) => l with { QueueFrames = Count(v) },
        ["slow-consumer-timeout"] = (l, v) => l with { SlowConsumerTimeout = Duration(v) },
        ["connections-per-address"] = (l, v) => l with { ConnectionsPerAddress = Count(v) },
        ["connects-per-second"] = (l, v) => l with { ConnectsPerSecond = Rate(v) },
        ["connect-burst"] = (l, v) => l with { ConnectBurst = Count(v) },
        ["devices-per-channel"] = (l, v) => l with { DevicesPerChannel = Count(v) },
        ["pairing-per-channel"] = (l, v) => l with { PairingPerChannel = Count(v) },
        ["pairing-slots-per-channel"] = (l, v) => l with { PairingSlotsPerChannel = Count(v) },
        ["pairing-slot-lifetime"] = (l, v) => l with { PairingSlotLifetime = Duration(v) },
        ["pairing-connection-lifetime"] = (l, v) => l with { PairingConnectionLifetime = Duration(v) },
        ["refresh-interval"] = (l, v) => l with { RefreshInterval = Duration(v) },
        ["keepalive-interval"] = (l, v) => l with { KeepAliveInterval = Duration(v) },
        ["keepalive-timeout"] = (l, v) => l with { KeepAliveTimeout = Duration(v) },
        ["close-timeout"] = (l, v) => l with { CloseTimeout = Duration(v) },
        ["sweep-interval"] = (l, v) => l with { SweepInterval = Duration(v) },
        ["restart-spread"] = (l, v) => l with { RestartSpread = Duration(v) },
    };

    public static IEnumerable<string> Names => Setters.Keys;

    /// <summary>Applies every <c>name=value</c>; false with a message for the first one that is not valid.</summary>
    public static bool TryApply(RelayLimits limits, IEnumerable<string> settings, out RelayLimits result, out string? error)
    {
        result = limits;
        error = null;
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? setting[..eq].Trim() : setting;
            if (eq <= 0 || !Setters.TryGetValue(name, out var set))
            {
                error = $"--limit {setting}: expected name=value with a name among: {string.Join(", ", Names)}.";
                return false;
            }

            try
            {
                result = set(result, setting[(eq + 1)..].Trim());
            }
            catch (FormatException e)
            {
                error = $"--limit {setting}: {e.Message}";
                return false;
            }
        }

        return true;
    }

    private static int Count(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException("expected a whole number.");

    private static double Rate(string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException("expected a number.");

    private static TimeSpan Duration(string value)
    {
        (string Suffix, Func<double, TimeSpan> Make)[] units = [("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours)];
        foreach (var (suffix, make) in units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(value[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                return make(n);
            }
        }

        throw new FormatException("expected a duration such as 500ms, 10s, 5m or 1h.");
    }
}
