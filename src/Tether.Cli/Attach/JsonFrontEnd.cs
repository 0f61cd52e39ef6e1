using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Tether.Protocol.Session;

namespace Tether.Cli.Attach;

/// <summary>
/// <c>tether attach --json</c>: one JSON object per line each way (docs/terminal-client.md). Out: the
/// host's messages as they are (§10) and this client's own events; in: <c>prompt</c>, <c>approve</c>,
/// <c>deny</c>, <c>interrupt</c>. A line that is not one of those gets an <c>error</c> line back and
/// changes nothing.
/// </summary>
internal sealed class JsonFrontEnd(TextReader input, TextWriter output) : IFrontEnd
{
    /// <summary>A command line longer than this is skipped without being kept (a prompt is at most 100,000 characters; escaped, a few times that).</summary>
    private const int MaxLineChars = 512 * 1024;

    private readonly Channel<DeviceCommand> _commands = Channel.CreateUnbounded<DeviceCommand>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Lock _write = new();

    public ChannelReader<DeviceCommand> Commands => _commands.Reader;

    public void StartReading(CancellationToken cancellationToken) => _ = Task.Run(() => ReadAsync(cancellationToken), CancellationToken.None);

    public void ShowCode(string digits) => Write(w => w.WriteString("code", digits), "sas");

    public void WrongCode(int attemptsLeft) => Write(w => w.WriteNumber("attempts_left", attemptsLeft), "wrong_code");

    public void Paired(string hostName, string hostId) => Write(
        w =>
        {
            w.WriteString("host", hostName);
            w.WriteString("id", hostId);
        },
        "paired");

    public void Connection(string state, string? detail = null) => Write(
        w =>
        {
            w.WriteString("state", state);
            if (detail is not null)
            {
                w.WriteString("detail", detail);
            }
        },
        "connection");

    public void Show(SessionMessage message)
    {
        var line = Encoding.UTF8.GetString(SessionMessages.Encode(message));
        lock (_write)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    public void Ended(string reason, string text) => Write(
        w =>
        {
            w.WriteString("reason", reason);
            w.WriteString("text", text);
        },
        "ended");

    public void Error(string text) => Write(w => w.WriteString("text", text), "error");

    /// <summary>Parses one input line; null with <paramref name="error"/> set if it is not a command.</summary>
    internal static DeviceCommand? Parse(string line, out string error)
    {
        error = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                error = "each line must be a JSON object with a string \"type\"";
                return null;
            }

            switch (type.GetString())
            {
                case "prompt" when Text(root, "text") is { Length: > 0 and <= SessionMessages.MaxPromptChars } text:
                    return new DeviceCommand.Prompt(text);
                case "prompt":
                    error = $"\"prompt\" needs a non-empty \"text\" of at most {SessionMessages.MaxPromptChars} characters";
                    return null;
                case "approve" when Text(root, "id") is { Length: > 0 } id:
                    return new DeviceCommand.Approve(id, root.TryGetProperty("remember", out var remember) && remember.ValueKind == JsonValueKind.True);
                case "deny" when Text(root, "id") is { Length: > 0 } id:
                    return new DeviceCommand.Deny(id, Text(root, "reason"));
                case "approve" or "deny":
                    error = $"\"{type.GetString()}\" needs the \"id\" of the approval request";
                    return null;
                case "interrupt":
                    return new DeviceCommand.Interrupt();
                default:
                    error = "unknown \"type\": use prompt, approve, deny or interrupt";
                    return null;
            }
        }
        catch (JsonException)
        {
            error = "not valid JSON";
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var reader = new BoundedLineReader(input, MaxLineChars);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                if (line == BoundedLineReader.TooLong)
                {
                    Error($"line too long (over {MaxLineChars} characters); ignored");
                    continue;
                }

                if (Parse(line, out var error) is { } command)
                {
                    _commands.Writer.TryWrite(command);
                }
                else
                {
                    Error(error);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            _commands.Writer.TryComplete();
        }
    }

    private void Write(Action<Utf8JsonWriter> members, string type)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            members(writer);
            writer.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_write)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
