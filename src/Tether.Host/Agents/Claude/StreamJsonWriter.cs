using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// Writes Claude's stdin: one JSON object per line. Each object is built with a
/// <see cref="Utf8JsonWriter"/> (which escapes every control character, so no raw newline can appear
/// inside) and validated while it is built; only a complete object is written, one at a time. A
/// malformed line would end Claude's session (reference pitfall 1).
/// </summary>
internal sealed class StreamJsonWriter : IDisposable
{
    private const byte NewLine = (byte)'\n';

    // Relaxed: the line goes down a pipe, never into HTML, so '<', '>' and non-ASCII text stay as they are
    // (as in the reference's captured lines, and a prompt in another script is not six times longer).
    // Quotes, backslashes and every control character, '\n' included, are still escaped.
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _closed;

    public StreamJsonWriter(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Builds one object with <paramref name="build"/> and writes it as a line.</summary>
    /// <exception cref="IOException">Claude's stdin is closed (the process ended).</exception>
    /// <exception cref="ObjectDisposedException">The writer was closed.</exception>
    public async Task WriteAsync(Action<Utf8JsonWriter> build, CancellationToken cancellationToken)
    {
        var line = Encode(build);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            await _stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes Claude's stdin after any write in progress (Claude ends its session on EOF).</summary>
    public async Task CloseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_closed)
            {
                _closed = true;
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // Already broken: the process is gone, which is what closing asks for.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The bytes of one line: the object and its <c>\n</c>; throws if the object is not complete.</summary>
    internal static ReadOnlyMemory<byte> Encode(Action<Utf8JsonWriter> build)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            build(json);
            json.Flush();
            if (json.CurrentDepth != 0 || json.BytesCommitted == 0)
            {
                throw new InvalidOperationException("a stdin line for Claude must be exactly one complete JSON object");
            }
        }

        buffer.Write([NewLine]);
        return buffer.WrittenMemory;
    }

    public void Dispose() => _gate.Dispose();
}
