using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Tether.Protocol.Tests.Noise;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.CrossLanguage;

/// <summary>
/// The TypeScript Noise implementation running in Node as a separate process (web/test/peer/noise-peer.ts),
/// spoken to over stdin/stdout in frames of a 4-byte big-endian length and the bytes.
/// </summary>
internal sealed class NodeNoisePeer : IAsyncDisposable
{
    // The peer refuses frames over 1 MiB; a Noise message is at most 65,535 bytes.
    private const int MaxFrame = 1 << 20;

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly byte[] _header = new byte[4];

    private NodeNoisePeer(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static NodeNoisePeer Start()
    {
        var script = Path.Combine(RepositoryPaths.Root, "web", "build", "test", "peer", "noise-peer.js");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"{script} is missing: build the web client first (npm --prefix web run build; scripts/test.sh does).");
        }

        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new NodeNoisePeer(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
    }

    public async Task WriteFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancel)
    {
        var stdin = _process.StandardInput.BaseStream;
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)frame.Length);
        await stdin.WriteAsync(header, cancel);
        await stdin.WriteAsync(frame, cancel);
        await stdin.FlushAsync(cancel);
    }

    public async Task<byte[]> ReadFrameAsync(CancellationToken cancel)
    {
        var stdout = _process.StandardOutput.BaseStream;
        await ReadExactlyAsync(stdout, _header, cancel);
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header);
        if (length > MaxFrame)
        {
            throw new InvalidDataException($"peer sent a {length}-byte frame");
        }

        var frame = new byte[length];
        await ReadExactlyAsync(stdout, frame, cancel);
        return frame;
    }

    private async Task ReadExactlyAsync(Stream stream, byte[] buffer, CancellationToken cancel)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancel);
        }
        catch (EndOfStreamException)
        {
            await _process.WaitForExitAsync(cancel);
            throw new InvalidDataException($"the Node peer ended (exit {_process.ExitCode}): {Stderr}");
        }
    }

    /// <summary>Closes stdin (the peer's signal to stop) and waits for a clean exit.</summary>
    public async Task<int> CloseAsync(CancellationToken cancel)
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync(cancel);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
