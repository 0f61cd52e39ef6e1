using System.Buffers;
using System.Text.Json;

namespace Tether.FakeAnthropic;

/// <summary>
/// A reply in the Messages API's wire shapes: the SSE event sequence of a streamed response, or the single
/// message object of a non-streamed one. Event order, as the real API sends it:
/// <code>
/// message_start                       message with empty content, usage.input_tokens
/// ping
/// per block i:
///   content_block_start  index i      {"type":"text","text":""} or {"type":"tool_use","id","name","input":{}}
///   content_block_delta  index i  *   {"type":"text_delta","text"} or {"type":"input_json_delta","partial_json"}
///   content_block_stop   index i
/// message_delta                       {"stop_reason":"end_turn"|"tool_use","stop_sequence":null}, usage.output_tokens
/// message_stop
/// </code>
/// </summary>
internal static class MessageEvents
{
    // Token counts are made up but plausible and small: the CLI only adds them up (cost, context size),
    // and small numbers keep it far from auto-compaction.
    private const int InputTokens = 12;
    private const int OutputTokensPerBlock = 8;

    public static IEnumerable<(string Name, byte[] Data)> Stream(Reply reply, string messageId, string model)
    {
        yield return ("message_start", Json(w =>
        {
            w.WriteString("type", "message_start");
            w.WritePropertyName("message");
            w.WriteStartObject();
            WriteEnvelope(w, messageId, model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            WriteUsage(w, outputTokens: 1);
            w.WriteEndObject();
        }));
        yield return ("ping", Json(w => w.WriteString("type", "ping")));

        for (var index = 0; index < reply.Blocks.Count; index++)
        {
            var block = reply.Blocks[index];
            yield return ("content_block_start", Json(w =>
            {
                w.WriteString("type", "content_block_start");
                w.WriteNumber("index", index);
                w.WritePropertyName("content_block");
                WriteEmptyBlock(w, block);
            }));
            foreach (var delta in Deltas(block))
            {
                yield return ("content_block_delta", Json(w =>
                {
                    w.WriteString("type", "content_block_delta");
                    w.WriteNumber("index", index);
                    w.WritePropertyName("delta");
                    w.WriteStartObject();
                    w.WriteString("type", block is TextBlock ? "text_delta" : "input_json_delta");
                    w.WriteString(block is TextBlock ? "text" : "partial_json", delta);
                    w.WriteEndObject();
                }));
            }

            yield return ("content_block_stop", Json(w =>
            {
                w.WriteString("type", "content_block_stop");
                w.WriteNumber("index", index);
            }));
        }

        yield return ("message_delta", Json(w =>
        {
            w.WriteString("type", "message_delta");
            w.WritePropertyName("delta");
            w.WriteStartObject();
            w.WriteString("stop_reason", reply.StopReason);
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WritePropertyName("usage");
            w.WriteStartObject();
            w.WriteNumber("output_tokens", OutputTokens(reply));
            w.WriteEndObject();
        }));
        yield return ("message_stop", Json(w => w.WriteString("type", "message_stop")));
    }

    /// <summary>The whole message, for <c>"stream": false</c>.</summary>
    public static byte[] Message(Reply reply, string messageId, string model) => Json(w =>
    {
        WriteEnvelope(w, messageId, model);
        w.WriteStartArray("content");
        foreach (var block in reply.Blocks)
        {
            w.WriteStartObject();
            switch (block)
            {
                case TextBlock text:
                    w.WriteString("type", "text");
                    w.WriteString("text", text.Text);
                    break;
                case ToolUseBlock tool:
                    WriteToolHead(w, tool);
                    w.WritePropertyName("input");
                    w.WriteRawValue(tool.InputJson);
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("stop_reason", reply.StopReason);
        w.WriteNull("stop_sequence");
        WriteUsage(w, OutputTokens(reply));
    });

    /// <summary>An Anthropic-shaped error body: <c>{"type":"error","error":{"type","message"}}</c>.</summary>
    public static byte[] Error(string type, string message) => Json(w =>
    {
        w.WriteString("type", "error");
        w.WritePropertyName("error");
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    private static IEnumerable<string> Deltas(ReplyBlock block)
    {
        if (block is TextBlock text)
        {
            return text.Deltas;
        }

        // The real API streams tool input in arbitrary slices (the first often empty); two halves are
        // enough to make a client that parses each slice on its own fail.
        var json = ((ToolUseBlock)block).InputJson;
        var cut = json.Length / 2;
        if (cut > 0 && char.IsLowSurrogate(json[cut]))
        {
            cut--;
        }

        return [json[..cut], json[cut..]];
    }

    private static void WriteEnvelope(Utf8JsonWriter w, string messageId, string model)
    {
        w.WriteString("id", messageId);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
    }

    private static void WriteEmptyBlock(Utf8JsonWriter w, ReplyBlock block)
    {
        w.WriteStartObject();
        if (block is ToolUseBlock tool)
        {
            WriteToolHead(w, tool);
            w.WriteStartObject("input");
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("type", "text");
            w.WriteString("text", "");
        }

        w.WriteEndObject();
    }

    private static void WriteToolHead(Utf8JsonWriter w, ToolUseBlock tool)
    {
        w.WriteString("type", "tool_use");
        w.WriteString("id", tool.Id);
        w.WriteString("name", tool.Name);
    }

    private static void WriteUsage(Utf8JsonWriter w, int outputTokens)
    {
        w.WritePropertyName("usage");
        w.WriteStartObject();
        w.WriteNumber("input_tokens", InputTokens);
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteEndObject();
    }

    private static int OutputTokens(Reply reply) => OutputTokensPerBlock * reply.Blocks.Count;

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
