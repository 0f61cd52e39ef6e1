using System.Globalization;

namespace Tether.LoadGen;

/// <summary>
/// What one <c>run</c> of the load generator measures. The full settings give figures steady to
/// within a few percent in about 25 seconds per target; <c>--quick</c> only proves the harness works.
/// </summary>
internal sealed record RunOptions
{
    /// <summary><c>echo</c> (echo server, also behind nginx) or <c>relay</c>.</summary>
    public required string Adapter { get; init; }

    /// <summary>The label written into the results (<c>echo</c>, <c>nginx</c>, <c>relay</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The echo server's WebSocket URL, or the relay's base URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>The target's process, whose resident memory the idle scenario reads.</summary>
    public int? Pid { get; init; }

    public int Round { get; init; } = 1;

    public bool Quick { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string> { "idle", "latency", "throughput" };

    /// <summary>The figure: memory per connection is read with 10,000 idle connections.</summary>
    public int IdleConnections => Quick ? 200 : 10_000;

    /// <summary>The latency probe's frame: a small interactive message.</summary>
    public static int LatencyPayload => 256;

    public int LatencyWarmup => Quick ? 100 : 2_000;

    /// <summary>20,000 samples put about 200 above the p99, enough for a steady tail figure.</summary>
    public int LatencySamples => Quick ? 500 : 20_000;

    /// <summary>A small frame (chat, keystrokes) and a large one (a file or diff chunk).</summary>
    public static IReadOnlyList<int> ThroughputPayloads => [256, 16 * 1024];

    /// <summary>One busy channel, and many channels sharing the target.</summary>
    public static IReadOnlyList<int> ThroughputPairs => [1, 64];

    /// <summary>Frames in flight per pair; 64 by default, twice the relay's per-connection queue
    /// (docs/protocol.md §7.6), so the relay's backpressure is part of what is measured.</summary>
    public int Window { get; init; } = 64;

    public TimeSpan ThroughputWarmup => TimeSpan.FromSeconds(Quick ? 0.1 : 0.5);

    public TimeSpan ThroughputDuration => TimeSpan.FromSeconds(Quick ? 0.3 : 2);

    public TimeSpan SettleLimit => TimeSpan.FromSeconds(Quick ? 3 : 15);

    /// <summary>The whole run gives up after this: a target that stalls fails the benchmark instead
    /// of hanging it. About three times what a full run takes on two cores.</summary>
    public TimeSpan RunLimit => TimeSpan.FromSeconds(Quick ? 60 : 180);

    public static RunOptions Parse(IReadOnlyList<string> args, List<string> errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                errors.Add($"unexpected argument '{args[i]}'");
            }
        }

        var adapter = values.GetValueOrDefault("adapter", "");
        if (adapter is not ("echo" or "relay"))
        {
            errors.Add("--adapter must be echo or relay");
        }

        if (!Uri.TryCreate(values.GetValueOrDefault("url", ""), UriKind.Absolute, out var url))
        {
            errors.Add("--url must be an absolute ws:// URL");
        }

        var scenarios = values.TryGetValue("scenarios", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet()
            : null;
        if (scenarios?.Except(["idle", "latency", "throughput"]).FirstOrDefault() is { } unknown)
        {
            errors.Add($"unknown scenario '{unknown}'");
        }

        var pid = Integer(values, "pid", errors);
        if (pid is null && (scenarios?.Contains("idle") ?? true))
        {
            errors.Add("--pid is required for the idle scenario");
        }

        if (values.ContainsKey("window") && Integer(values, "window", []) is 0)
        {
            errors.Add("--window must be at least 1");
        }

        return new RunOptions
        {
            Adapter = adapter,
            Name = values.GetValueOrDefault("name", adapter),
            Url = url ?? new Uri("ws://127.0.0.1/"),
            Pid = pid,
            Round = Integer(values, "round", errors) ?? 1,
            Window = Integer(values, "window", errors) ?? 64,
            Quick = quick,
            Scenarios = scenarios ?? new HashSet<string> { "idle", "latency", "throughput" },
        };
    }

    private static int? Integer(Dictionary<string, string> values, string key, List<string> errors)
    {
        if (!values.TryGetValue(key, out var text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"--{key} must be a number");
        return null;
    }
}
