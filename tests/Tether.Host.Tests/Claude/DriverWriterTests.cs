using System.Text;
using System.Text.Json;
using Tether.Host.Agents.Claude;

namespace Tether.Host.Tests.Claude;

/// <summary>Claude's stdin gets exactly one complete JSON object per line; a malformed line would end its session (reference pitfall 1).</summary>
public sealed class DriverWriterTests
{
    [Fact]
    public void A_prompt_is_the_reference_line_member_for_member()
    {
        Assert.Equal(
            """{"type":"user","session_id":"","message":{"role":"user","content":"make a file"},"parent_tool_use_id":null}""" + "\n",
            Line(ClaudeInput.Prompt("make a file")));
    }

    [Fact]
    public void Newlines_quotes_and_line_separators_in_a_prompt_stay_escaped_on_one_line()
    {
        var text = "line one\nline \"two\"\r\n\u2028tab\there \\ end";

        var line = Line(ClaudeInput.Prompt(text));

        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\r', line);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(line);
        Assert.Equal(text, parsed.RootElement.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public void Allow_and_deny_answers_are_the_reference_lines_member_for_member()
    {
        var input = JsonElement.Parse("""{"command":"echo hi > /p/bash_out.txt","description":"write file"}""");

        Assert.Equal(
            """{"type":"control_response","response":{"subtype":"success","request_id":"cli-1","response":{"behavior":"allow","updatedInput":{"command":"echo hi > /p/bash_out.txt","description":"write file"}}}}""" + "\n",
            Line(ClaudeInput.Allow("cli-1", input)));
        Assert.Equal(
            """{"type":"control_response","response":{"subtype":"success","request_id":"cli-1","response":{"behavior":"deny","message":"Denied by remote approver"}}}""" + "\n",
            Line(ClaudeInput.Deny("cli-1", "Denied by remote approver")));
        Assert.Equal(
            """{"type":"control_response","response":{"subtype":"error","request_id":"h-1","error":"no"}}""" + "\n",
            Line(ClaudeInput.Error("h-1", "no")));
        Assert.Equal(
            """{"type":"control_request","request_id":"req_2_ab","request":{"subtype":"interrupt"}}""" + "\n",
            Line(ClaudeInput.Interrupt("req_2_ab")));
    }

    [Fact]
    public async Task An_incomplete_object_is_never_written()
    {
        using var stream = new MemoryStream();
        using var writer = new StreamJsonWriter(stream);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => writer.WriteAsync(json => json.WriteStartObject(), default));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => writer.WriteAsync(json =>
        {
            json.WriteStartObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteEndObject();
        }, default));

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task Concurrent_writes_never_interleave()
    {
        using var stream = new MemoryStream();
        using var writer = new StreamJsonWriter(stream);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => writer.WriteAsync(ClaudeInput.Prompt(new string('p', i * 50)), default))));

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.Equal(201, lines.Length);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.All(lines[..^1], l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task Writing_after_close_fails_instead_of_writing()
    {
        using var stream = new MemoryStream();
        using var writer = new StreamJsonWriter(stream);
        await writer.CloseAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(ClaudeInput.Prompt("late"), default));
    }

    private static string Line(Action<Utf8JsonWriter> build) => Encoding.UTF8.GetString(StreamJsonWriter.Encode(build).Span);
}
