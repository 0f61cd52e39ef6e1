using System.Text.Json;
using Tether.FakeAnthropic;

namespace Tether.Host.Tests.Claude;

/// <summary>The real claude CLI (tools/claude-code) against the scripted fake Anthropic API.</summary>
public sealed class FakeApiTests
{
    private static readonly object[] WriteTool = [new { name = "Write", input_schema = new { type = "object" } }];

    [Fact]
    public async Task Stream_TextReply_IsWellFormedSse()
    {
        await using var fake = await FakeAnthropicServer.StartAsync();
        fake.Enqueue(Reply.Text("Hel", "lo ", "world"));

        var events = await SseClient.PostAsync(fake, Request(stream: true, WriteTool));

        Assert.Equal(
            ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
             "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        var message = events[0].Data.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal("claude-test", message.GetProperty("model").GetString());
        Assert.Equal(0, message.GetProperty("content").GetArrayLength());
        Assert.Equal("text", events[2].Data.GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal("Hello world", string.Concat(events.Where(e => e.Name == "content_block_delta")
            .Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString())));
        Assert.All(events.Where(e => e.Name == "content_block_delta"), e => Assert.Equal("text_delta", e.Data.GetProperty("delta").GetProperty("type").GetString()));
        Assert.Equal("end_turn", events[^2].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.True(events[^2].Data.GetProperty("usage").GetProperty("output_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Stream_TextThenToolUse_IsWellFormedSse()
    {
        await using var fake = await FakeAnthropicServer.StartAsync();
        var reply = Reply.Text("Writing.").ThenWrite("/tmp/x/a.txt", "line one\nline two ✓\n");
        fake.Enqueue(reply);

        var events = await SseClient.PostAsync(fake, Request(stream: true, WriteTool));

        var starts = events.Where(e => e.Name == "content_block_start").Select(e => e.Data).ToList();
        Assert.Equal([0, 1], starts.Select(s => s.GetProperty("index").GetInt32()));
        var tool = starts[1].GetProperty("content_block");
        Assert.Equal("tool_use", tool.GetProperty("type").GetString());
        Assert.Equal(reply.ToolUses.Single().Id, tool.GetProperty("id").GetString());
        Assert.Equal("Write", tool.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, tool.GetProperty("input").ValueKind);
        var partials = events.Where(e => e.Name == "content_block_delta" && e.Data.GetProperty("index").GetInt32() == 1)
            .Select(e => e.Data.GetProperty("delta")).ToList();
        Assert.True(partials.Count > 1);
        Assert.All(partials, d => Assert.Equal("input_json_delta", d.GetProperty("type").GetString()));
        using var input = JsonDocument.Parse(string.Concat(partials.Select(d => d.GetProperty("partial_json").GetString())));
        Assert.Equal("/tmp/x/a.txt", input.RootElement.GetProperty("file_path").GetString());
        Assert.Equal("line one\nline two ✓\n", input.RootElement.GetProperty("content").GetString());
        Assert.Equal(2, events.Count(e => e.Name == "content_block_stop"));
        Assert.Equal("tool_use", events[^2].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal("message_stop", events[^1].Name);
    }

    [Fact]
    public async Task NonStreaming_ToolUse_IsOneMessage()
    {
        await using var fake = await FakeAnthropicServer.StartAsync();
        fake.Enqueue(Reply.Bash("ls", "List files"));

        using var message = await SseClient.PostJsonAsync(fake, Request(stream: false, WriteTool));

        var root = message.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("tool_use", root.GetProperty("stop_reason").GetString());
        var block = Assert.Single(root.GetProperty("content").EnumerateArray());
        Assert.Equal("Bash", block.GetProperty("name").GetString());
        Assert.Equal("ls", block.GetProperty("input").GetProperty("command").GetString());
    }

    [Fact]
    public async Task SideAndExhausted_LeaveScriptAlone_AndAreRecorded()
    {
        await using var fake = await FakeAnthropicServer.StartAsync();
        fake.Enqueue(Reply.Text("scripted"));

        using var side = await SseClient.PostJsonAsync(fake, Request(stream: false, tools: []));
        using var turn = await SseClient.PostJsonAsync(fake, Request(stream: false, WriteTool));
        using var extra = await SseClient.PostJsonAsync(fake, Request(stream: false, WriteTool));

        Assert.Equal(FakeAnthropicServer.SideText, Text(side));
        Assert.Equal("scripted", Text(turn));
        Assert.Equal(FakeAnthropicServer.ExhaustedText, Text(extra));
        Assert.Equal([RequestKind.Side, RequestKind.Scripted, RequestKind.Exhausted], fake.Requests.Select(r => r.Kind));
        Assert.Equal("hello there", fake.Requests[1].LastUserText);
        Assert.Equal(["Write"], fake.Requests[1].ToolNames);
        Assert.Equal("Be brief.", fake.Requests[1].System);
    }

    [Fact]
    public async Task UnknownPath_Gets404JsonError_AndIsRecorded()
    {
        await using var fake = await FakeAnthropicServer.StartAsync();
        using var http = new HttpClient { BaseAddress = fake.Url };

        using var response = await http.GetAsync(new Uri("/v1/models", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
        Assert.Equal("not_found_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("GET /v1/models", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(RequestKind.Unknown, Assert.Single(fake.Requests).Kind);
    }

    [Fact]
    public async Task RealClaude_TextReply_EndsWithResult()
    {
        await using var run = await ClaudeRun.StartAsync(Reply.Text("Hello ", "from the script."));

        await run.Claude.SendUserAsync("hi");
        var result = await run.Claude.ReadTypeAsync("result");

        Assert.Equal("success", result.GetProperty("subtype").GetString());
        Assert.Equal("Hello from the script.", result.GetProperty("result").GetString());
        var turn = Assert.Single(run.Fake.Turns);
        Assert.Equal(RequestKind.Scripted, turn.Kind);
        Assert.True(turn.Stream);
        Assert.Contains("Write", turn.ToolNames);
        Assert.Equal("hi", turn.LastUserText);
        run.AssertScriptFollowed();
    }

    [Fact]
    public async Task RealClaude_WriteAllowed_AsksThenWritesFile()
    {
        await using var run = await ClaudeRun.StartAsync();
        var file = Path.Combine(run.Repository, "allowed.txt");
        var write = Reply.Text("I'll create it.").ThenWrite(file, "hello\n");
        run.Fake.Enqueue(write, Reply.Text("Done."));

        await run.Claude.SendUserAsync("make a file");
        var ask = await run.Claude.ReadTypeAsync("control_request", "can_use_tool");
        var request = ask.GetProperty("request");
        Assert.Equal("Write", request.GetProperty("tool_name").GetString());
        Assert.Equal(file, request.GetProperty("input").GetProperty("file_path").GetString());
        Assert.Equal(write.ToolUses.Single().Id, request.GetProperty("tool_use_id").GetString());
        Assert.False(File.Exists(file));

        await run.Claude.SendAsync(Answer(ask, new { behavior = "allow", updatedInput = new { } }));
        var result = await run.Claude.ReadTypeAsync("result");

        Assert.Equal("Done.", result.GetProperty("result").GetString());
        Assert.Equal("hello\n", await File.ReadAllTextAsync(file));
        Assert.Equal(0, result.GetProperty("permission_denials").GetArrayLength());
        var toolResult = Assert.Single(run.Fake.Turns[1].ToolResults);
        Assert.Equal(write.ToolUses.Single().Id, toolResult.ToolUseId);
        Assert.False(toolResult.IsError);
        run.AssertScriptFollowed();
    }

    [Fact]
    public async Task RealClaude_WriteDenied_WritesNothingAndModelSeesDenial()
    {
        await using var run = await ClaudeRun.StartAsync();
        var file = Path.Combine(run.Repository, "denied.txt");
        var write = Reply.Write(file, "nope\n");
        run.Fake.Enqueue(write, Reply.Text("Understood."));

        await run.Claude.SendUserAsync("make a file");
        var ask = await run.Claude.ReadTypeAsync("control_request", "can_use_tool");
        await run.Claude.SendAsync(Answer(ask, new { behavior = "deny", message = "Denied by remote approver" }));
        var result = await run.Claude.ReadTypeAsync("result");

        Assert.False(File.Exists(file));
        Assert.Equal("Understood.", result.GetProperty("result").GetString());
        Assert.Equal(1, result.GetProperty("permission_denials").GetArrayLength());
        var toolResult = Assert.Single(run.Fake.Turns[1].ToolResults);
        Assert.Equal(write.ToolUses.Single().Id, toolResult.ToolUseId);
        Assert.Equal("Denied by remote approver", toolResult.Text);
        Assert.True(toolResult.IsError);
        run.AssertScriptFollowed();
    }

    [Fact]
    public async Task RealClaude_SideRequest_AnsweredWithoutConsumingScript()
    {
        // With this variable the CLI asks the model for a short label after each tool batch: a side request.
        await using var run = await ClaudeRun.StartAsync(env => env.Set("CLAUDE_CODE_EMIT_TOOL_USE_SUMMARIES", "1"));
        var file = Path.Combine(run.Repository, "notes.txt");
        await File.WriteAllTextAsync(file, "hi\n");
        run.Fake.Enqueue(Reply.Read(file), Reply.Text("It says hi."));

        await run.Claude.SendUserAsync("read notes.txt");
        // The label comes from a concurrent request, so it may land before or after the result line.
        JsonElement? summary = null, result = null;
        while (summary is null || result is null)
        {
            var line = await run.Claude.ReadUntilAsync(m => m.GetProperty("type").GetString() is "tool_use_summary" or "result");
            _ = line.GetProperty("type").GetString() == "result" ? result = line : summary = line;
        }

        Assert.Equal(FakeAnthropicServer.SideText, summary.Value.GetProperty("summary").GetString());
        Assert.Equal("It says hi.", result.Value.GetProperty("result").GetString());
        var side = Assert.Single(run.Fake.Requests, r => r.Kind == RequestKind.Side);
        Assert.Empty(side.ToolNames);
        Assert.Equal(2, run.Fake.Turns.Count);
        Assert.Contains("hi", Assert.Single(run.Fake.Turns[1].ToolResults).Text, StringComparison.Ordinal);
        run.AssertScriptFollowed();
    }

    private static object Request(bool stream, object[] tools) => new
    {
        model = "claude-test",
        max_tokens = 100,
        stream,
        system = new[] { new { type = "text", text = "Be brief." } },
        messages = new[] { new { role = "user", content = "hello there" } },
        tools,
    };

    private static string? Text(JsonDocument message) =>
        message.RootElement.GetProperty("content")[0].GetProperty("text").GetString();

    /// <summary>The control_response line answering a can_use_tool request (reference §2).</summary>
    private static object Answer(JsonElement request, object response) => new
    {
        type = "control_response",
        response = new { subtype = "success", request_id = request.GetProperty("request_id").GetString(), response },
    };
}
