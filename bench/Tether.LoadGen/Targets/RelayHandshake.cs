using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>A client's side of CHALLENGE → HELLO → WELCOME (docs/protocol.md §7.3).</summary>
internal static class RelayHandshake
{
    /// <summary>Answers the relay's CHALLENGE with a credential for it and returns the peer id from WELCOME.</summary>
    public static async Task<uint> AuthenticateAsync(
        WebSocket socket, RelayRole role, HelloKind kind, Func<byte[], byte[]> credentialFor, CancellationToken cancel)
    {
        var buffer = new byte[RelayFrames.MaxHello];
        var length = await Messages.ReceiveAsync(socket, buffer, cancel);
        if (!RelayFrames.TryReadChallenge(buffer.AsSpan(0, length), out var nonce))
        {
            throw new InvalidDataException("the relay did not open with CHALLENGE");
        }

        var hello = RelayFrames.Hello(role, kind, credentialFor(nonce.ToArray()));
        await Messages.SendAsync(socket, hello, cancel);
        length = await Messages.ReceiveAsync(socket, buffer, cancel);
        if (!RelayFrames.TryReadWelcome(buffer.AsSpan(0, length), out var peerId, out _, out _, out _))
        {
            throw new InvalidDataException($"the relay answered HELLO ({role}) with something other than WELCOME");
        }

        return peerId;
    }
}
