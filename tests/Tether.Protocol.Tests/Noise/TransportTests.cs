using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

public sealed class TransportTests : IDisposable
{
    private const string IK = "Noise_IK_25519_AESGCM_SHA256";
    private readonly SessionKit _kit = new();
    private readonly NoiseTransport _initiator;
    private readonly NoiseTransport _responder;

    public TransportTests()
    {
        (_initiator, _responder) = _kit.CompleteFresh(IK);
    }

    [Fact]
    public void EncryptDecrypt_BothDirections_RoundTrips()
    {
        Assert.Equal([1, 2], _responder.Decrypt(_initiator.Encrypt([1, 2])));
        Assert.Equal([3], _initiator.Decrypt(_responder.Encrypt([3])));
        Assert.Equal(_initiator.HandshakeHash.ToArray(), _responder.HandshakeHash.ToArray());
    }

    [Fact]
    public void Encrypt_SpanOverload_WritesPayloadPlusTag()
    {
        var message = new byte[100];

        int length = _initiator.Encrypt([5, 6, 7], message);

        Assert.Equal(3 + NoiseLimits.TagLength, length);
        Assert.Equal([5, 6, 7], _responder.Decrypt(message.AsSpan(0, length)));
    }

    [Fact]
    public void Encrypt_PayloadMakingMessageOver65535_ThrowsMessageTooLarge()
    {
        Assert.Throws<MessageTooLargeException>(() => _initiator.Encrypt(new byte[NoiseLimits.MaxTransportPayloadLength + 1]));

        // Nothing was consumed: the largest legal message still goes through.
        byte[] largest = _initiator.Encrypt(new byte[NoiseLimits.MaxTransportPayloadLength]);
        Assert.Equal(NoiseLimits.MaxMessageLength, largest.Length);
        Assert.Equal(NoiseLimits.MaxTransportPayloadLength, _responder.Decrypt(largest).Length);
    }

    [Fact]
    public void Decrypt_MessageOver65535_ThrowsMessageTooLargeAndPoisons()
    {
        Assert.Throws<MessageTooLargeException>(() => _responder.Decrypt(new byte[NoiseLimits.MaxMessageLength + 1]));
        Assert.Throws<StatePoisonedException>(() => _responder.Decrypt(_initiator.Encrypt([1])));
    }

    [Fact]
    public void Decrypt_ShorterThanTag_ThrowsTruncatedMessage()
    {
        Assert.Throws<TruncatedMessageException>(() => _responder.Decrypt(new byte[NoiseLimits.TagLength - 1]));
    }

    [Fact]
    public void Decrypt_AfterTagFailure_TransportIsPoisoned()
    {
        byte[] message = _initiator.Encrypt([1, 2, 3]);
        message[^1] ^= 0x80;
        var payload = new byte[3];

        Assert.Throws<DecryptionFailedException>(() => _responder.Decrypt(message, payload));
        Assert.Equal(new byte[3], payload);
        message[^1] ^= 0x80;
        Assert.Throws<StatePoisonedException>(() => _responder.Decrypt(message));
        Assert.Throws<StatePoisonedException>(() => _responder.Encrypt([1]));
        Assert.Throws<StatePoisonedException>(_responder.RekeyReceive);
    }

    [Fact]
    public void Decrypt_ReplayedMessage_IsRefused()
    {
        byte[] message = _initiator.Encrypt([1]);
        _responder.Decrypt(message);

        Assert.Throws<DecryptionFailedException>(() => _responder.Decrypt(message));
    }

    [Fact]
    public void Encrypt_SendNonceNearMax_ThrowsNonceExhaustedAtReservedValue()
    {
        _initiator.SendCipher!.SetNonce(ulong.MaxValue - 1);

        _initiator.Encrypt([1]);

        Assert.Throws<NonceExhaustedException>(() => _initiator.Encrypt([1]));
    }

    [Fact]
    public void Decrypt_ReceiveNonceAtMax_ThrowsNonceExhausted()
    {
        _responder.ReceiveCipher!.SetNonce(ulong.MaxValue);

        Assert.Throws<NonceExhaustedException>(() => _responder.Decrypt(new byte[NoiseLimits.TagLength]));
    }

    [Fact]
    public void RekeySend_MatchedByPeerRekeyReceive_KeepsWorking()
    {
        _initiator.RekeySend();
        _responder.RekeyReceive();

        Assert.Equal([4], _responder.Decrypt(_initiator.Encrypt([4])));
    }

    [Fact]
    public void RekeySend_WithoutPeerRekey_FailsDecryption()
    {
        _initiator.RekeySend();

        Assert.Throws<DecryptionFailedException>(() => _responder.Decrypt(_initiator.Encrypt([4])));
    }

    [Fact]
    public void OneWayPattern_ResponderEncryptOrInitiatorDecrypt_ThrowsOneWay()
    {
        (NoiseTransport initiator, NoiseTransport responder) = _kit.CompleteFresh("Noise_X_25519_ChaChaPoly_SHA256");
        using (initiator)
        using (responder)
        {
            Assert.Equal([1], responder.Decrypt(initiator.Encrypt([1])));
            Assert.Throws<OneWayTransportException>(() => responder.Encrypt([1]));
            Assert.Throws<OneWayTransportException>(() => initiator.Decrypt(new byte[16]));
            Assert.Equal(_kit.InitiatorStatic.PublicKey, responder.RemoteStatic);
        }
    }

    [Fact]
    public void Dispose_ThenEncrypt_ThrowsObjectDisposed()
    {
        _initiator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _initiator.Encrypt([1]));
    }

    public void Dispose()
    {
        _initiator.Dispose();
        _responder.Dispose();
        _kit.Dispose();
    }
}
