using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tether.LoadGen.Scenarios;

/// <summary>
/// One measurement, written as one JSON line (the load generator's output; the report reads them
/// back). Figures a scenario does not produce stay null and are left out of the line.
/// </summary>
internal sealed record ScenarioResult
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The target's name as the driver gave it: <c>echo</c>, <c>nginx</c> or <c>relay</c>.</summary>
    public required string Target { get; init; }

    public required int Round { get; init; }

    /// <summary><c>latency</c>, <c>throughput</c> or <c>idle</c>.</summary>
    public required string Scenario { get; init; }

    public int? PayloadBytes { get; init; }

    public int? Pairs { get; init; }

    /// <summary>Frames in flight per pair.</summary>
    public int? Window { get; init; }

    public double? P50Micros { get; init; }

    public double? P99Micros { get; init; }

    public double? RoundTripsPerSecond { get; init; }

    public int? Connections { get; init; }

    public double? BytesPerConnection { get; init; }

    public long? RssBeforeBytes { get; init; }

    public long? RssAfterBytes { get; init; }

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);
}
