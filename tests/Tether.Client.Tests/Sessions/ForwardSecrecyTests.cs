using System.Reflection;
using Tether.Client.Tests.Support;
using Tether.Protocol.Noise;

namespace Tether.Client.Tests.Sessions;

/// <summary>
/// Invariant 6: session keys are ephemeral. A whole session is recorded through the proxy; afterwards an
/// attacker who steals both static private keys replays the recorded handshake in each role (with fresh
/// ephemeral keys, the only ones it can have) and none of the keys it can derive opens any recorded record.
/// </summary>
public sealed class ForwardSecrecyTests
{
    private static readonly NoiseProtocol Protocol = NoiseProtocol.Parse("Noise_IK_25519_AESGCM_SHA256");

    private delegate int Decrypt(ReadOnlySpan<byte> ad, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext);

    [Fact]
    public async Task RecordedTraffic_CannotBeDecryptedWithBothStolenStaticKeys()
    {
        await using var session = await ProxiedSession.StartAsync();
        var device = session.StartDevice();
        await SupersessionTests.SendAndReadAsync(session.Host, device.Channel, 1, 10);
        await Task.Delay(500);
        Assert.Equal(1, device.Channel.Counters.Sessions);
        Assert.Equal(10, session.Host.Counters.Delivered);
        Assert.Equal(10, device.Channel.Counters.Delivered);

        var recorded = session.Proxy.Recorded;
        var up = recorded.Where(r => r.Direction == Direction.ToHost).Select(r => r.Payload).ToList();
        var down = recorded.Where(r => r.Direction == Direction.ToDevice).Select(r => r.Payload).ToList();
        var (message1, message2) = (up[0], down[0]);
        var records = up.Skip(1).Select((r, i) => (Nonce: (ulong)i, Record: r))
            .Concat(down.Skip(1).Select((r, i) => (Nonce: (ulong)i, Record: r))).ToList();
        Assert.True(records.Count >= 20, "the live session carried (and decrypted) every one of these records");

        var prologue = SessionPrologueBytes(session);
        using var stolenHost = Steal(session.Channel.HostStatic);
        using var stolenDevice = Steal(session.Channel.DeviceStatic);

        // As the host: message 1 opens (IK's first message is sealed to the host's static key), but the
        // answer needs a fresh ephemeral, so both transport keys are new ones.
        foreach (var (nonce, record) in records)
        {
            foreach (var sending in new[] { false, true })
            {
                using var transport = ReplayAsResponder(stolenHost, prologue, message1);
                Assert.Throws<DecryptionFailedException>(() => TryDecrypt(transport, sending, nonce, record));
            }
        }

        // As the device: a fresh ephemeral in message 1 means the recorded message 2 does not even open.
        using var initiator = NoiseHandshake.Create(Protocol, NoiseRole.Initiator, new NoiseHandshakeOptions
        {
            LocalStatic = stolenDevice,
            RemoteStatic = session.Channel.HostStatic.PublicKey,
            Prologue = prologue,
        });
        initiator.WriteMessage(new byte[17]);
        Assert.Throws<DecryptionFailedException>(() => initiator.ReadMessage(message2));
    }

    [Fact]
    public void TheProbe_OpensARecordWithTheRightKeyAtItsNonce()
    {
        // The control for the test above: the same probe does decrypt when it has the session's keys.
        using var device = NoiseKeyPair.Generate();
        using var host = NoiseKeyPair.Generate();
        using var initiator = NoiseHandshake.Create(Protocol, NoiseRole.Initiator, new NoiseHandshakeOptions { LocalStatic = device, RemoteStatic = host.PublicKey });
        using var responder = NoiseHandshake.Create(Protocol, NoiseRole.Responder, new NoiseHandshakeOptions { LocalStatic = host });
        responder.ReadMessage(initiator.WriteMessage([]));
        initiator.ReadMessage(responder.WriteMessage([]));
        using var sender = initiator.Split();
        using var receiver = responder.Split();
        var sealedRecords = Enumerable.Range(0, 3).Select(i => sender.Encrypt([(byte)i])).ToList();

        Assert.Equal([2], TryDecrypt(receiver, sending: false, 2, sealedRecords[2]));
    }

    private static NoiseTransport ReplayAsResponder(NoiseKeyPair stolenHost, byte[] prologue, byte[] message1)
    {
        using var responder = NoiseHandshake.Create(Protocol, NoiseRole.Responder, new NoiseHandshakeOptions { LocalStatic = stolenHost, Prologue = prologue });
        responder.ReadMessage(message1);
        responder.WriteMessage(new byte[18]);
        return responder.Split();
    }

    /// <summary>
    /// Decrypts <paramref name="record"/> with one of <paramref name="transport"/>'s two keys at <paramref name="nonce"/>.
    /// Reaches into the transport's cipher states: the public API only decrypts in order, from nonce 0.
    /// </summary>
    private static byte[] TryDecrypt(NoiseTransport transport, bool sending, ulong nonce, byte[] record)
    {
        var cipher = typeof(NoiseTransport).GetProperty(sending ? "SendCipher" : "ReceiveCipher", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(transport)!;
        cipher.GetType().GetMethod("SetNonce")!.Invoke(cipher, [nonce]);
        var decrypt = cipher.GetType().GetMethod("DecryptWithAd")!.CreateDelegate<Decrypt>(cipher);
        var plaintext = new byte[record.Length - 16];
        decrypt([], record, plaintext);
        return plaintext;
    }

    private static NoiseKeyPair Steal(NoiseKeyPair key)
    {
        var bytes = new byte[32];
        key.ExportPrivateKey(bytes);
        return NoiseKeyPair.FromPrivateKey(bytes);
    }

    private static byte[] SessionPrologueBytes(ProxiedSession session) =>
        [.. "tether/1 session"u8, .. session.Channel.Id.ToArray()];
}
