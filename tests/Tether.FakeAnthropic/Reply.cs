using System.Text.Json;

namespace Tether.FakeAnthropic;

/// <summary>
/// One scripted model turn: its content blocks in order. The stop reason follows from them:
/// <c>tool_use</c> when any block is a tool call, else <c>end_turn</c>.
/// </summary>
/// <example><code>
/// server.Enqueue(
///     Reply.Text("I'll create it.").ThenWrite("/tmp/p/a.txt", "hello\n"),
///     Reply.Text("Done", "."));
/// </code></example>
public sealed class Reply
{
    private Reply(IReadOnlyList<ReplyBlock> blocks) => Blocks = blocks;

    public IReadOnlyList<ReplyBlock> Blocks { get; }

    public string StopReason => Blocks.Any(b => b is ToolUseBlock) ? "tool_use" : "end_turn";

    /// <summary>The tool calls of this reply, in order.</summary>
    public IEnumerable<ToolUseBlock> ToolUses => Blocks.OfType<ToolUseBlock>();

    /// <summary>A reply of these blocks.</summary>
    public static Reply Of(params ReplyBlock[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0)
        {
            throw new ArgumentException("A reply needs at least one block.", nameof(blocks));
        }

        return new Reply([.. blocks]);
    }

    /// <summary>A text reply; several arguments become several <c>text_delta</c> events of one block.</summary>
    public static Reply Text(params string[] deltas) => Of(new TextBlock(deltas));

    /// <summary>A tool call; <paramref name="input"/> is serialized as is (use the CLI's snake_case names), a string is taken as JSON.</summary>
    public static Reply ToolUse(string name, object input, string? id = null) => Of(ToolBlock(name, input, id));

    /// <summary><c>Bash</c> with a command and the short description the model always gives.</summary>
    public static Reply Bash(string command, string description = "Run a command") =>
        ToolUse("Bash", new { command, description });

    /// <summary><c>Write</c>: create or overwrite a file (an absolute path, as the model sends).</summary>
    public static Reply Write(string filePath, string content) => ToolUse("Write", new { file_path = filePath, content });

    /// <summary><c>Edit</c>: replace one occurrence of a string in a file.</summary>
    public static Reply Edit(string filePath, string oldString, string newString) =>
        ToolUse("Edit", new { file_path = filePath, old_string = oldString, new_string = newString });

    /// <summary><c>Read</c>: read a file.</summary>
    public static Reply Read(string filePath) => ToolUse("Read", new { file_path = filePath });

    /// <summary>This reply followed by a text block.</summary>
    public Reply ThenText(params string[] deltas) => new([.. Blocks, new TextBlock(deltas)]);

    /// <summary>This reply followed by a tool call.</summary>
    public Reply ThenToolUse(string name, object input, string? id = null) => new([.. Blocks, ToolBlock(name, input, id)]);

    /// <summary>This reply followed by a <c>Write</c> call.</summary>
    public Reply ThenWrite(string filePath, string content) => ThenToolUse("Write", new { file_path = filePath, content });

    /// <summary>This reply followed by a <c>Bash</c> call.</summary>
    public Reply ThenBash(string command, string description = "Run a command") =>
        ThenToolUse("Bash", new { command, description });

    /// <summary>Builds a tool block; the id is random in the real API's shape unless given.</summary>
    public static ToolUseBlock ToolBlock(string name, object input, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var json = input as string ?? JsonSerializer.Serialize(input, input.GetType());
        return new ToolUseBlock(id ?? "toolu_" + Guid.NewGuid().ToString("n")[..24], name, json);
    }
}
