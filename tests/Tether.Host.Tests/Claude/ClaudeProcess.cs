using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Tether.FakeAnthropic;

namespace Tether.Host.Tests.Claude;

/// <summary>
/// The real <c>claude</c> in stream-json mode for one test: NDJSON lines in on stdin, out on stdout.
/// Dispose kills the whole process tree if it still runs, so a failing test leaves nothing behind.
/// </summary>
internal sealed class ClaudeProcess : IAsyncDisposable
{
    /// <summary>The flags the host's driver uses (reference §1, §5): approvals over stdio, no repo settings or MCP.</summary>
    public static readonly string[] StreamJsonArguments =
    [
        "--output-format", "stream-json", "--verbose", "--input-format", "stream-json",
        "--permission-prompt-tool", "stdio", "--permission-mode", "default",
        "--setting-sources=user", "--strict-mcp-config",
    ];

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private readonly List<string> _transcript = [];

    private ClaudeProcess(Process process) => _process = process;

    /// <summary>Every stdout line read so far, then the stderr text: for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_transcript)
            {
                lock (_stderr)
                {
                    return string.Join("\n", _transcript) + "\n--- stderr ---\n" + _stderr;
                }
            }
        }
    }

    public static ClaudeProcess Start(ClaudeEnvironment environment, string workingDirectory, params string[] extraArguments)
    {
        var start = new ProcessStartInfo(ClaudeBinary.Locate())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in StreamJsonArguments.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        environment.ApplyTo(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException("claude did not start.");
        var claude = new ClaudeProcess(process);
        _ = claude.PumpStdoutAsync();
        _ = claude.PumpStderrAsync();
        return claude;
    }

    /// <summary>Writes one NDJSON line (the value serialized compactly).</summary>
    public async Task SendAsync(object message)
    {
        var line = message as string ?? JsonSerializer.Serialize(message);
        await _process.StandardInput.WriteAsync(line + "\n").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Sends a user turn in the shape the SDK uses.</summary>
    public Task SendUserAsync(string text) =>
        SendAsync(new Dictionary<string, object?>
        {
            ["type"] = "user",
            ["message"] = new { role = "user", content = text },
            ["parent_tool_use_id"] = null,
            ["session_id"] = "",
        });

    /// <summary>Reads stdout lines until one is a JSON object that <paramref name="match"/> accepts, and returns it.</summary>
    public async Task<JsonElement> ReadUntilAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
                if (TryParse(line) is { } message && match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("claude sent no matching line in time. Output so far:\n" + Transcript);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("claude closed stdout before a matching line. Output:\n" + Transcript);
        }
    }

    /// <summary>Reads until a line of this <c>type</c> (and <c>subtype</c>, or <c>request.subtype</c> for control requests).</summary>
    public Task<JsonElement> ReadTypeAsync(string type, string? subtype = null, TimeSpan? timeout = null) =>
        ReadUntilAsync(m => Is(m, "type", type) && (subtype is null || Is(m, "subtype", subtype) ||
            (m.TryGetProperty("request", out var r) && Is(r, "subtype", subtype))), timeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // Still running (or stdin already broken): the kill below ends it.
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }

            _process.Dispose();
        }
    }

    private static bool Is(JsonElement element, string name, string value) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.ValueEquals(value);

    // Reference §6.8: lines that are not JSON are skipped.
    private static JsonElement? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task PumpStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_transcript)
            {
                _transcript.Add(line);
            }

            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.TryComplete();
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line);
            }
        }
    }
}
