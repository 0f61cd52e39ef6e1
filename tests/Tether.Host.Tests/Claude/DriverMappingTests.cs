using System.Text.Json;
using Tether.Host.Agents.Claude;
using Tether.Protocol.Session;

namespace Tether.Host.Tests.Claude;

/// <summary>Claude's stream-json lines (shapes from the reference) become the device's messages of docs/protocol.md §10.</summary>
public sealed class DriverMappingTests
{
    [Fact]
    public void A_text_delta_becomes_agent_text_in_the_drivers_turn()
    {
        var line = Parse("""{"type":"stream_event","uuid":"u","session_id":"s","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}},"parent_tool_use_id":null}""");

        var text = Assert.IsType<AgentTextMessage>(Assert.Single(ClaudeEventMapper.Map(line, 7)));

        Assert.Equal(7, text.Turn);
        Assert.Equal("Hel", text.Text);
    }

    [Theory]
    [InlineData("""{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"sub"}},"parent_tool_use_id":"toolu_9"}""")]
    [InlineData("""{"type":"stream_event","event":{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}},"parent_tool_use_id":null}""")]
    [InlineData("""{"type":"stream_event","event":{"type":"message_start","message":{}},"parent_tool_use_id":null}""")]
    [InlineData("""{"type":"assistant","message":{"content":[{"type":"text","text":"already streamed"}]}}""")]
    [InlineData("""{"type":"system","subtype":"status"}""")]
    [InlineData("""{"type":"keep_alive"}""")]
    [InlineData("""[1,2]""")]
    public void Lines_that_carry_nothing_for_the_device_give_nothing(string json)
    {
        Assert.Empty(ClaudeEventMapper.Map(Parse(json), 1));
    }

    [Fact]
    public void A_tool_use_block_becomes_tool_call_with_canonical_input_and_a_one_line_summary()
    {
        var line = Parse("""{"type":"assistant","message":{"content":[{"type":"text","text":"ok"},{"type":"tool_use","id":"toolu_2","name":"Bash","input":{ "command" : "echo hi\nls", "description":"write file"}}]},"parent_tool_use_id":null}""");

        var call = Assert.IsType<ToolCallMessage>(Assert.Single(ClaudeEventMapper.Map(line, 3)));

        Assert.Equal(3, call.Turn);
        Assert.Equal("toolu_2", call.Id);
        Assert.Equal("Bash", call.Tool);
        Assert.Equal("""{"command":"echo hi\nls","description":"write file"}""", call.Input);
        Assert.Equal("Bash: echo hi ls", call.Summary);
    }

    [Fact]
    public void A_long_tool_result_is_cut_to_4096_characters_with_its_full_size_in_bytes()
    {
        var full = string.Concat(Enumerable.Repeat("é", 5000));
        var line = Parse($$$"""{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"{{{full}}}"}],"is_error":true}]}}""");

        var result = Assert.IsType<ToolResultMessage>(Assert.Single(ClaudeEventMapper.Map(line, 1)));

        Assert.Equal("toolu_2", result.Id);
        Assert.Equal(4096, result.Text.Length);
        Assert.Equal(10_000, result.Size);
        Assert.True(result.Truncated);
        Assert.True(result.IsError);
    }

    [Fact]
    public void A_short_string_tool_result_is_sent_whole()
    {
        var line = Parse("""{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"hi written"}]}}""");

        var result = Assert.IsType<ToolResultMessage>(Assert.Single(ClaudeEventMapper.Map(line, 1)));

        Assert.Equal("hi written", result.Text);
        Assert.Equal(10, result.Size);
        Assert.False(result.Truncated);
        Assert.False(result.IsError);
    }

    [Theory]
    [InlineData("""{"type":"result","subtype":"success","is_error":false,"duration_ms":1234,"total_cost_usd":0.0123}""", false, "done", null)]
    [InlineData("""{"type":"result","subtype":"error_during_execution","is_error":true,"duration_ms":5}""", true, "interrupted", null)]
    [InlineData("""{"type":"result","subtype":"error_during_execution","is_error":true,"duration_ms":5}""", false, "error", "error_during_execution")]
    [InlineData("""{"type":"result","subtype":"error_max_turns","is_error":true,"duration_ms":5}""", false, "error", "error_max_turns")]
    [InlineData("""{"type":"result","subtype":"success","is_error":true,"result":"API Error: 529 overloaded","duration_ms":5}""", false, "error", "API Error: 529 overloaded")]
    [InlineData("""{"type":"result","subtype":"success","is_error":false,"duration_ms":5}""", true, "done", null)]
    public void A_result_line_becomes_turn_result(string json, bool interrupting, string outcome, string? error)
    {
        var result = ClaudeResultMapper.Map(Parse(json), new ActiveTurn(4, 0) { Interrupting = interrupting }, TimeSpan.FromSeconds(9));

        Assert.Equal(4, result.Turn);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void A_result_carries_claudes_duration_and_cost()
    {
        var result = ClaudeResultMapper.Map(Parse("""{"type":"result","subtype":"success","is_error":false,"duration_ms":1234,"total_cost_usd":0.0123}"""), new ActiveTurn(1, 0), TimeSpan.FromSeconds(9));

        Assert.Equal(1234, result.DurationMs);
        Assert.Equal(0.0123m, result.CostUsd);
    }

    [Theory]
    [InlineData("Write", """{"file_path":"/p/a.cs","content":"x"}""", "Write: /p/a.cs")]
    [InlineData("WebFetch", """{"prompt":"p","url":"https://example.com"}""", "WebFetch: https://example.com")]
    [InlineData("Mystery", """{"n":1,"what":"thing"}""", "Mystery: thing")]
    [InlineData("Mystery", """{}""", "Mystery")]
    public void The_summary_names_the_tool_and_what_it_acts_on(string tool, string input, string summary)
    {
        Assert.Equal(summary, ToolSummary.Of(tool, Parse(input)));
    }

    [Fact]
    public void A_long_summary_is_cut_to_one_short_line()
    {
        var summary = ToolSummary.Of("Bash", Parse($$"""{"command":"{{new string('x', 500)}}"}"""));

        Assert.Equal(ToolSummary.MaxChars, summary.Length);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json) => JsonElement.Parse(json);
}
