using System.Text.Json.Serialization;

namespace Tether.Host.Ipc;

/// <summary>One request on the local socket: one JSON line in, one JSON line out, then the connection closes.</summary>
public sealed class IpcRequest
{
    /// <summary><c>status</c>, or <c>devices-changed</c> (the device list on disk changed: re-read it, drop revoked devices).</summary>
    [JsonPropertyName("op")]
    public required string Op { get; init; }
}

/// <summary>The answer to an <see cref="IpcRequest"/>.</summary>
public sealed class IpcResponse
{
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    /// <summary>What went wrong, for a person, when <see cref="Ok"/> is false.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HostStatus? Status { get; init; }

    public static IpcResponse Success(HostStatus? status = null) => new() { Ok = true, Status = status };

    public static IpcResponse Failure(string error) => new() { Ok = false, Error = error };
}

/// <summary>What <c>tether status</c> shows about one running host.</summary>
public sealed class HostStatus
{
    [JsonPropertyName("project")]
    public required string Project { get; init; }

    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("pid")]
    public int Pid { get; init; }

    [JsonPropertyName("started")]
    public DateTimeOffset Started { get; init; }

    [JsonPropertyName("agent")]
    public required string Agent { get; init; }

    /// <summary><c>idle</c>, <c>running</c> or <c>waiting_approval</c>.</summary>
    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("relay")]
    public required string Relay { get; init; }

    [JsonPropertyName("relay_connected")]
    public bool RelayConnected { get; init; }

    [JsonPropertyName("devices")]
    public IReadOnlyList<DeviceStatus> Devices { get; init; } = [];

    [JsonPropertyName("approvals")]
    public IReadOnlyList<ApprovalStatus> Approvals { get; init; } = [];
}

/// <summary>A paired device as the running host sees it.</summary>
public sealed class DeviceStatus
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("fingerprint")]
    public required string Fingerprint { get; init; }

    /// <summary>Whether it holds the session now (one device at a time).</summary>
    [JsonPropertyName("active")]
    public bool Active { get; init; }

    [JsonPropertyName("last_seen")]
    public DateTimeOffset? LastSeen { get; init; }
}

/// <summary>An approval waiting for a device's answer.</summary>
public sealed class ApprovalStatus
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("tool")]
    public required string Tool { get; init; }

    [JsonPropertyName("summary")]
    public required string Summary { get; init; }

    [JsonPropertyName("deadline")]
    public DateTimeOffset Deadline { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IpcRequest))]
[JsonSerializable(typeof(IpcResponse))]
internal sealed partial class IpcJsonContext : JsonSerializerContext;
