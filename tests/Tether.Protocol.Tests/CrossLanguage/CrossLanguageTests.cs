using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.CrossLanguage;

/// <summary>
/// The C# and TypeScript implementations talk to each other live: fresh random keys, a full handshake,
/// then 10,000 transport messages of random sizes (empty up to the largest) each way.
/// </summary>
[Trait("Category", "CrossLanguage")]
public sealed class CrossLanguageTests
{
    private const int MessagesEachWay = 10_000;
    private const int MaxPayload = 65_535 - 16;

    public static TheoryData<string, NoiseRole> Cases => new()
    {
        { "Noise_IK_25519_AESGCM_SHA256", NoiseRole.Initiator },
        { "Noise_IK_25519_AESGCM_SHA256", NoiseRole.Responder },
        { "Noise_IKpsk2_25519_AESGCM_SHA256", NoiseRole.Initiator },
        { "Noise_IKpsk2_25519_AESGCM_SHA256", NoiseRole.Responder },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CSharpAndTypeScript_CompleteTheHandshake_AndExchangeTenThousandMessagesEachWay(string protocolName, NoiseRole csharpRole)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var cancel = timeout.Token;
        var protocol = NoiseProtocol.Parse(protocolName);
        using var initiatorKeys = NoiseKeyPair.Generate();
        using var responderKeys = NoiseKeyPair.Generate();
        var pskBytes = RandomNumberGenerator.GetBytes(32);
        using var psk = NoisePresharedKey.FromBytes(pskBytes);
        var prologue = Encoding.ASCII.GetBytes("tether/1 session").Concat(RandomNumberGenerator.GetBytes(16)).ToArray();
        var csharpIsInitiator = csharpRole == NoiseRole.Initiator;

        await using var peer = NodeNoisePeer.Start();
        await peer.WriteFrameAsync(PeerConfig(protocol, csharpIsInitiator, initiatorKeys, responderKeys, pskBytes, prologue), cancel);

        using var handshake = NoiseHandshake.Create(protocol, csharpRole, new NoiseHandshakeOptions
        {
            Prologue = prologue,
            LocalStatic = csharpIsInitiator ? initiatorKeys : responderKeys,
            RemoteStatic = csharpIsInitiator ? responderKeys.PublicKey : null,
            Psks = protocol.PskCount > 0 ? [psk] : [],
        });
        while (!handshake.IsComplete)
        {
            if (handshake.IsMyTurn)
            {
                await peer.WriteFrameAsync(handshake.WriteMessage(ReadOnlySpan<byte>.Empty), cancel);
            }
            else
            {
                handshake.ReadMessage(await peer.ReadFrameAsync(cancel));
            }
        }

        using var transport = handshake.Split();
        var peerHash = JsonDocument.Parse(await peer.ReadFrameAsync(cancel)).RootElement.GetProperty("h").GetString();
        Assert.Equal(Convert.ToHexStringLower(transport.HandshakeHash.Span), peerHash);
        Assert.Equal(csharpIsInitiator ? responderKeys.PublicKey : initiatorKeys.PublicKey, transport.RemoteStatic);

        var plan = new MessagePlan(MessagesEachWay, MaxPayload);
        // Both loops run at once: the peer echoes while we send, and pipes are small.
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < plan.Count; i++)
            {
                await peer.WriteFrameAsync(transport.Encrypt(plan.Payload(i)), cancel);
            }
        }, cancel);
        for (var i = 0; i < plan.Count; i++)
        {
            var echoed = transport.Decrypt(await peer.ReadFrameAsync(cancel));
            Assert.True(plan.Payload(i).SequenceEqual(echoed), $"message {i} ({plan.Size(i)} bytes) came back different");
        }

        await sending;
        Assert.Equal(0, await peer.CloseAsync(cancel));
        Assert.True(plan.CoversEmptyAndLargest);
    }

    private static byte[] PeerConfig(NoiseProtocol protocol, bool csharpIsInitiator, NoiseKeyPair initiator, NoiseKeyPair responder, byte[] psk, byte[] prologue)
    {
        var peerKeys = csharpIsInitiator ? responder : initiator;
        var peerPrivate = new byte[32];
        peerKeys.ExportPrivateKey(peerPrivate);
        var config = new Dictionary<string, string?>
        {
            ["protocol"] = protocol.Name,
            ["role"] = csharpIsInitiator ? "responder" : "initiator",
            ["prologue"] = Convert.ToHexStringLower(prologue),
            ["s"] = Convert.ToHexStringLower(peerPrivate),
            // IK: the initiator knows the responder's key in advance; the responder learns the initiator's.
            ["rs"] = csharpIsInitiator ? null : Convert.ToHexStringLower(responder.PublicKey.Span),
            ["psk"] = protocol.PskCount > 0 ? Convert.ToHexStringLower(psk) : null,
        };
        CryptographicOperations.ZeroMemory(peerPrivate);
        return JsonSerializer.SerializeToUtf8Bytes(config);
    }
}
