using Tether.Protocol.Relay;

namespace Tether.Relay.Tests.Support;

/// <summary>A welcomed connection: its client and what WELCOME said.</summary>
internal sealed record Peer(RelayClient Client, uint PeerId, bool HostOnline, ulong Expires, byte[] Token) : IAsyncDisposable
{
    /// <summary>Parses a WELCOME frame into a peer.</summary>
    public static Peer FromWelcome(RelayClient client, byte[] welcome)
    {
        Assert.True(RelayFrames.TryReadWelcome(welcome, out var peerId, out var hostOnline, out var expires, out var token), "WELCOME does not parse");
        return new Peer(client, peerId, hostOnline, expires, token.ToArray());
    }

    public Task SendAsync(byte[] frame) => Client.SendAsync(frame);

    /// <summary>Reads the next frame, which must be DATA, and returns its peer id and payload.</summary>
    public async Task<(uint PeerId, byte[] Payload)> ReceiveDataAsync(TimeSpan? wait = null)
    {
        var frame = await Client.ExpectAsync(RelayFrameType.Data, wait);
        Assert.True(RelayFrames.TryReadData(frame, out var peerId, out var payload));
        return (peerId, payload.ToArray());
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
