using System.Text.Json;

namespace Tether.FakeAnthropic;

/// <summary>
/// A <c>tool_use</c> block. <see cref="InputJson"/> is streamed in two <c>input_json_delta</c> halves, cut
/// anywhere like the real API does, so the client has to join them before parsing.
/// </summary>
public sealed record ToolUseBlock : ReplyBlock
{
    public ToolUseBlock(string id, string name, string inputJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using (var parsed = JsonDocument.Parse(inputJson))
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("A tool input is a JSON object.", nameof(inputJson));
            }
        }

        Id = id;
        Name = name;
        InputJson = inputJson;
    }

    /// <summary>The <c>toolu_…</c> id; the tool_result that answers it carries the same id.</summary>
    public string Id { get; }

    /// <summary>The tool name as the CLI lists it, e.g. <c>Bash</c>, <c>Write</c>, <c>Edit</c>, <c>Read</c>.</summary>
    public string Name { get; }

    /// <summary>The input object, compact JSON.</summary>
    public string InputJson { get; }
}
