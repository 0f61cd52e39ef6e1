using System.Text.Json;

namespace Tether.Host.Approvals;

/// <summary>A tool call the agent wants to make, as the approval engine judges it.</summary>
/// <param name="Tool">The tool's name (<c>Bash</c>, <c>Write</c>, <c>Edit</c>, <c>Read</c>, …).</param>
/// <param name="Input">The tool's input as the agent gave it.</param>
public sealed record ToolCall(string Tool, JsonElement Input)
{
    /// <summary>A string member of the input, or null.</summary>
    public string? Text(string name) =>
        Input.ValueKind == JsonValueKind.Object && Input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The path the call reads or writes (<c>file_path</c>, <c>path</c> or <c>notebook_path</c>), if it names one.</summary>
    public string? FilePath => Text("file_path") ?? Text("notebook_path") ?? Text("path");
}
