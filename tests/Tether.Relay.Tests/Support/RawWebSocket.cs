using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Tether.Protocol.Relay;
using static Tether.Relay.Connections.WebSocketFrames;

namespace Tether.Relay.Tests.Support;

/// <summary>
/// A WebSocket client at the byte level, for what a well-behaved client library never sends: it does
/// the opening handshake by hand, then writes whatever bytes a test builds (<see cref="Frame"/>) and
/// reads the relay's frames one by one.
/// </summary>
internal sealed class RawWebSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawWebSocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>Opens a connection to <paramref name="channel"/> and completes the upgrade (101, subprotocol, accept key checked).</summary>
    public static async Task<RawWebSocket> ConnectAsync(TestRelay relay, RelayId channel)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(relay.BaseUri.Host, relay.BaseUri.Port);
        var socket = new RawWebSocket(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request =
            $"GET /v1/channels/{channel} HTTP/1.1\r\nHost: {relay.BaseUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: tether.relay.v1\r\n\r\n";
        await socket._stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var response = await socket.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101", response, StringComparison.Ordinal);
#pragma warning disable CA5350 // RFC 6455's accept key is SHA-1 by definition.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        Assert.Contains($"Sec-WebSocket-Accept: {accept}", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Sec-WebSocket-Protocol: tether.relay.v1", response, StringComparison.OrdinalIgnoreCase);
        return socket;
    }

    /// <summary>A client frame: FIN and RSV bits in <paramref name="first"/> as given (opcode included), masked unless told not to.</summary>
    public static byte[] Frame(byte first, ReadOnlySpan<byte> payload, bool masked = true, long? claimedLength = null)
    {
        var length = claimedLength ?? payload.Length;
        var head = new List<byte> { first };
        var maskBit = masked ? (byte)0x80 : (byte)0;
        if (length is >= 0 and <= 125)
        {
            head.Add((byte)(maskBit | length));
        }
        else if (length is >= 0 and <= ushort.MaxValue)
        {
            head.Add((byte)(maskBit | 126));
            head.Add((byte)(length >> 8));
            head.Add((byte)length);
        }
        else
        {
            head.Add((byte)(maskBit | 127));
            var wide = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(wide, (ulong)length);
            head.AddRange(wide);
        }

        var body = payload.ToArray();
        if (masked)
        {
            var mask = RandomNumberGenerator.GetBytes(4);
            head.AddRange(mask);
            for (var i = 0; i < body.Length; i++)
            {
                body[i] ^= mask[i % 4];
            }
        }

        return [.. head, .. body];
    }

    /// <summary>A whole binary message in one masked frame.</summary>
    public static byte[] BinaryFrame(ReadOnlySpan<byte> payload) => Frame(0x80 | Binary, payload);

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads the relay's CHALLENGE and answers with a token HELLO for <paramref name="role"/>; returns WELCOME.</summary>
    public async Task<byte[]> HelloAsync(TestRelay relay, RelayId channel, RelayRole role)
    {
        var (first, challenge) = await ReadFrameAsync();
        Assert.Equal(Binary, first);
        Assert.Equal((byte)RelayFrameType.Challenge, challenge[0]);
        var subject = role == RelayRole.Host ? channel : RelayId.Read(RandomNumberGenerator.GetBytes(RelayId.Length));
        var horizon = (ulong)relay.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        var (token, _) = relay.Issuer.Issue(role, channel, subject, horizon);
        await SendAsync(BinaryFrame(RelayFrames.Hello(role, HelloKind.Token, token)));
        var (opcode, welcome) = await ReadFrameAsync();
        while (opcode == Ping)
        {
            // A keepalive ping may come first on a busy machine when a test shortens the interval.
            (opcode, welcome) = await ReadFrameAsync();
        }

        Assert.Equal((byte)RelayFrameType.Welcome, welcome[0]);
        return welcome;
    }

    /// <summary>The next frame from the relay (which never masks and never fragments).</summary>
    public async Task<(byte Opcode, byte[] Payload)> ReadFrameAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? RelayClient.DefaultWait);
        var head = await ReadExactlyAsync(2, timeout.Token);
        Assert.Equal(0x80, head[0] & 0xF0);
        Assert.Equal(0, head[1] & 0x80);
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(await ReadExactlyAsync(2, timeout.Token));
        }
        else if (length == 127)
        {
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8, timeout.Token));
        }

        return ((byte)(head[0] & 0x0F), await ReadExactlyAsync((int)length, timeout.Token));
    }

    /// <summary>Skips frames until the relay's close, which must carry <paramref name="reason"/>'s code and name.</summary>
    public async Task ExpectCloseAsync(RelayCloseReason reason)
    {
        while (true)
        {
            var (opcode, payload) = await ReadFrameAsync();
            if (opcode != Close)
            {
                continue;
            }

            var (code, name) = (BinaryPrimitives.ReadUInt16BigEndian(payload), Encoding.UTF8.GetString(payload.AsSpan(2)));
            Assert.True(code == reason.CloseCode() && name == reason.ToName(), $"expected close {reason.CloseCode()} {reason.ToName()}, got {code} {name}");
            return;
        }
    }

    /// <summary>True once the relay has closed the TCP connection (a read returns nothing).</summary>
    public async Task<bool> IsClosedByRelayAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var scratch = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(scratch, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> ReadHeadAsync()
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            Assert.Equal(1, await _stream.ReadAsync(one));
            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancel)
    {
        var bytes = new byte[count];
        await _stream.ReadExactlyAsync(bytes, cancel);
        return bytes;
    }
}
