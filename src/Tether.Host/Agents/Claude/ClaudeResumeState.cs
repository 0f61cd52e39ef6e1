using System.Text.Json.Serialization;

namespace Tether.Host.Agents.Claude;

/// <summary>The resume file's document: which Claude session a new process goes on with.</summary>
internal sealed record ClaudeResumeState
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("session_id")]
    public required string SessionId { get; init; }
}

[JsonSerializable(typeof(ClaudeResumeState))]
internal sealed partial class ClaudeJsonContext : JsonSerializerContext;
