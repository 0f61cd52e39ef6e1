namespace Tether.FakeAnthropic;

/// <summary>A <c>tool_result</c> block the CLI sent back to the model; <see cref="Text"/> joins its text parts.</summary>
public sealed record ToolResult(string ToolUseId, string Text, bool IsError);
