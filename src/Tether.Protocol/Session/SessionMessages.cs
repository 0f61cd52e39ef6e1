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
[JsonDerivedType(typeof(ToolCallMessage), "tool.call")]
[JsonDerivedType(typeof(ToolResultMessage), "tool.result")]
[JsonDerivedType(typeof(AgentExitMessage), "agent.exit")]
[JsonDerivedType(typeof(SessionRulesMessage), "session.rules")]
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

    /// <summary>With <c>allow</c>: also allow calls this rule matches for the rest of the session (it expires).</summary>
    [JsonPropertyName("rule")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SessionRule? Rule { get; init; }
}

/// <summary>An explicit, expiring permission for this session: a tool and a pattern of its input (<c>Bash</c>, <c>npm test</c>).</summary>
public sealed class SessionRule
{
    [JsonPropertyName("tool")]
    public required string Tool { get; init; }

    /// <summary>What the rule matches: for Bash the exact command, or a prefix ending in <c>*</c>; for Write/Edit a path.</summary>
    [JsonPropertyName("content")]
    public required string Content { get; init; }

    /// <summary>Unix milliseconds; set by the host when it accepts the rule.</summary>
    [JsonPropertyName("expires")]
    public long Expires { get; init; }
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

    /// <summary>For Edit and Write: a unified diff of the file on disk against what the call would leave.</summary>
    [JsonPropertyName("diff")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Diff { get; init; }
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

/// <summary>Host → device: the agent called a tool (whether or not it needed approval).</summary>
public sealed class ToolCallMessage : SessionMessage
{
    [JsonPropertyName("turn")]
    public required long Turn { get; init; }

    /// <summary>The agent's id for the call; <c>tool.result</c> names it.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("tool")]
    public required string Tool { get; init; }

    /// <summary>Canonical JSON text of the input, as in <c>approval.request</c>.</summary>
    [JsonPropertyName("input")]
    public required string Input { get; init; }

    [JsonPropertyName("summary")]
    public required string Summary { get; init; }
}

/// <summary>Host → device: a tool's result, cut to a size a phone can show, with the full size stated.</summary>
public sealed class ToolResultMessage : SessionMessage
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    /// <summary>The full result's size in bytes (UTF-8), however much of it <see cref="Text"/> carries.</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    [JsonPropertyName("truncated")]
    public bool Truncated { get; init; }

    [JsonPropertyName("is_error")]
    public bool IsError { get; init; }
}

/// <summary>Host → device: the agent's process ended (a crash, or it was stopped); a new prompt starts it again.</summary>
public sealed class AgentExitMessage : SessionMessage
{
    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Code { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }
}

/// <summary>Host → device: the session rules in force now (after any change, and on every new stream).</summary>
public sealed class SessionRulesMessage : SessionMessage
{
    [JsonPropertyName("rules")]
    public required IReadOnlyList<SessionRule> Rules { get; init; }
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
