using System.Text.Json;

namespace Tether.FakeAnthropic;

/// <summary>One request the fake received, kept so tests can assert what reached the model.</summary>
public sealed class RecordedRequest
{
    public required int Sequence { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query, e.g. <c>/v1/messages?beta=true</c>.</summary>
    public required string Path { get; init; }

    public required RequestKind Kind { get; init; }

    /// <summary>The JSON body (a detached copy); <c>Undefined</c> when the body was empty or not JSON.</summary>
    public JsonElement Body { get; init; }

    public string? Model => Property("model")?.GetString();

    public bool Stream => Property("stream")?.ValueKind == JsonValueKind.True;

    /// <summary>The system prompt, its text blocks joined by newlines; empty when there is none.</summary>
    public string System => Property("system") is { } system ? MessageText.Of(system) : "";

    /// <summary>The <c>messages</c> array (<c>Undefined</c> when absent).</summary>
    public JsonElement Messages => Property("messages") ?? default;

    /// <summary>The names of the tools offered to the model.</summary>
    public IReadOnlyList<string> ToolNames =>
        Property("tools") is { ValueKind: JsonValueKind.Array } tools
            ? [.. tools.EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "")]
            : [];

    /// <summary>The <c>tool_result</c> blocks of the last user message, e.g. the text a denial left for the model.</summary>
    public IReadOnlyList<ToolResult> ToolResults => LastUserMessage is { } last ? MessageText.ToolResults(last) : [];

    /// <summary>
    /// What the user typed in the last user message: its text blocks without the CLI's
    /// <c>&lt;system-reminder&gt;</c> blocks, joined by newlines.
    /// </summary>
    public string LastUserText => LastUserMessage is { } last && last.TryGetProperty("content", out var content) ? MessageText.Typed(content) : "";

    /// <summary>The scripted reply given, for <see cref="RequestKind.Scripted"/>.</summary>
    public Reply? Reply { get; init; }

    public override string ToString() => $"#{Sequence} {Method} {Path} {Kind} model={Model} tools={ToolNames.Count}";

    // The CLI also puts role "system" messages in the list, so the last message is not always the user's.
    private JsonElement? LastUserMessage =>
        Messages.ValueKind == JsonValueKind.Array
            ? Messages.EnumerateArray().LastOrDefault(m => m.TryGetProperty("role", out var r) && r.ValueEquals("user")) is { ValueKind: JsonValueKind.Object } m ? m : null
            : null;

    private JsonElement? Property(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) ? value : null;
}
