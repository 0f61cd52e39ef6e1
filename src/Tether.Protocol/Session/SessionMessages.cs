using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tether.Protocol.Session;

// The application messages of a session (docs/protocol.md §10): one JSON object per record-layer
// message (§4), named by its "type". This file is their whole wire format; every field is described
// in §10, so the self-explanatory properties carry no XML comment of their own.
#pragma warning disable CS1591

/// <summary>Any application message; <c>type</c> names the concrete one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(PromptMessage), "prompt")]
[JsonDerivedType(typeof(InterruptMessage), "interrupt")]
[JsonDerivedType(typeof(ApprovalAnswerMessage), "approval.answer")]
[JsonDerivedType(typeof(SessionInfoMessage), "session.info")]
[JsonDerivedType(typeof(AgentStateMessage), "agent.state")]
[JsonDerivedType(typeof(AgentTextMessage), "agent.text")]
[JsonDerivedType(typeof(TurnResultMessage), "turn.result")]
[JsonDerivedType(typeof(ApprovalRequestMessage), "approval.request")]
[JsonDerivedType(typeof(ApprovalResolvedMessage), "approval.resolved")]
[JsonDerivedType(typeof(NoticeMessage), "notice")]
public abstract class SessionMessage;

/// <summary>Device → host: a prompt for the agent.</summary>
public sealed class PromptMessage : SessionMessage
{
    /// <summary>At most <see cref="SessionMessages.MaxPromptChars"/> characters.</summary>
    [JsonPropertyName("text")]
    public required string Text { get; init; }
}

/// <summary>Device → host: stop the running turn.</summary>
public sealed class InterruptMessage : SessionMessage;

/// <summary>Device → host: the answer to one approval request, bound to it by id and input hash.</summary>
public sealed class ApprovalAnswerMessage : SessionMessage
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Lowercase hex SHA-256 of the request's <c>input</c> string (UTF-8): what the device showed.</summary>
    [JsonPropertyName("input_sha256")]
    public required string InputSha256 { get; init; }

    /// <summary><c>allow</c> or <c>deny</c>; anything else is a deny.</summary>
    [JsonPropertyName("decision")]
    public required string Decision { get; init; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}

/// <summary>Host → device, first on every stream: what this session is.</summary>
public sealed class SessionInfoMessage : SessionMessage
{
    [JsonPropertyName("project")]
    public required string Project { get; init; }

    [JsonPropertyName("host")]
    public required string Host { get; init; }

    [JsonPropertyName("agent")]
    public required string Agent { get; init; }

    [JsonPropertyName("device")]
    public required string Device { get; init; }
}

/// <summary>Host → device: <c>idle</c>, <c>running</c> or <c>waiting_approval</c>.</summary>
public sealed class AgentStateMessage : SessionMessage
{
    [JsonPropertyName("state")]
    public required string State { get; init; }
}

/// <summary>Host → device: a piece of the assistant's text in a turn, in order.</summary>
public sealed class AgentTextMessage : SessionMessage
{
    [JsonPropertyName("turn")]
    public required long Turn { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }
}

/// <summary>Host → device: a turn ended.</summary>
public sealed class TurnResultMessage : SessionMessage
{
    [JsonPropertyName("turn")]
    public required long Turn { get; init; }

    /// <summary><c>done</c>, <c>interrupted</c> or <c>error</c>.</summary>
    [JsonPropertyName("outcome")]
    public required string Outcome { get; init; }

    [JsonPropertyName("duration_ms")]
    public long DurationMs { get; init; }

    [JsonPropertyName("cost_usd")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? CostUsd { get; init; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}

/// <summary>Host → device: a tool call that waits for this device's decision.</summary>
public sealed class ApprovalRequestMessage : SessionMessage
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("tool")]
    public required string Tool { get; init; }

    /// <summary>The tool's input as canonical JSON text; the device shows it and hashes exactly these characters.</summary>
    [JsonPropertyName("input")]
    public required string Input { get; init; }

    [JsonPropertyName("input_sha256")]
    public required string InputSha256 { get; init; }

    /// <summary>One line for lists and notifications.</summary>
    [JsonPropertyName("summary")]
    public required string Summary { get; init; }

    [JsonPropertyName("cwd")]
    public required string Cwd { get; init; }

    /// <summary>Unix milliseconds after which the host denies it.</summary>
    [JsonPropertyName("deadline")]
    public required long Deadline { get; init; }
}

/// <summary>Host → device: an approval request was decided (by this device, a rule, the deadline, …).</summary>
public sealed class ApprovalResolvedMessage : SessionMessage
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    [JsonPropertyName("decision")]
    public required string Decision { get; init; }

    /// <summary><c>device</c>, <c>rule</c>, <c>timeout</c>, <c>no-device</c>, <c>stopping</c>.</summary>
    [JsonPropertyName("by")]
    public required string By { get; init; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}

/// <summary>Host → device: something a person should read (<c>info</c>, <c>warning</c>, <c>error</c>).</summary>
public sealed class NoticeMessage : SessionMessage
{
    [JsonPropertyName("level")]
    public required string Level { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }
}

[JsonSerializable(typeof(SessionMessage))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;

/// <summary>Encoding and decoding of <see cref="SessionMessage"/>s.</summary>
public static class SessionMessages
{
    /// <summary>A prompt longer than this is refused by the host (a person does not type more; a paste of a file is not a prompt).</summary>
    public const int MaxPromptChars = 100_000;

    /// <summary>The UTF-8 JSON bytes of <paramref name="message"/>.</summary>
    public static byte[] Encode(SessionMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, SessionJsonContext.Default.SessionMessage);

    /// <summary>Decodes one message; false for anything that is not a known, well-formed one (the caller logs and ignores it).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> json, out SessionMessage? message)
    {
        try
        {
            message = JsonSerializer.Deserialize(json, SessionJsonContext.Default.SessionMessage);
            return message is not null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            message = null;
            return false;
        }
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 of <paramref name="input"/>: what an approval answer must name.</summary>
    public static string HashInput(string input) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));

    /// <summary>The canonical text of a tool input: compact JSON, in the order the agent gave it.</summary>
    public static string Canonical(JsonElement input) => JsonSerializer.Serialize(input, SessionJsonContext.Default.JsonElement);
}
