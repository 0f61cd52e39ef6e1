using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

public sealed class HandshakeTests : IDisposable
{
    private const string IK = "Noise_IK_25519_AESGCM_SHA256";
    private const string IKpsk2 = "Noise_IKpsk2_25519_AESGCM_SHA256";

    // IK message 1: e (32) + encrypted s (32 + 16) + payload tag (16).
    private const int IKFirstMessageOverhead = 96;

    private readonly SessionKit _kit = new();

    [Theory]
    [InlineData(IK)]
    [InlineData(IKpsk2)]
    [InlineData("Noise_IK_25519_ChaChaPoly_SHA256")]
    [InlineData("Noise_XX_25519_AESGCM_SHA256")]
    public void Handshake_FreshRandomKeys_CompletesAndCarriesTrafficBothWays(string protocol)
    {
        (NoiseTransport initiator, NoiseTransport responder) = _kit.CompleteFresh(protocol);
        using (initiator)
        using (responder)
        {
            Assert.Equal([1, 2, 3], responder.Decrypt(initiator.Encrypt([1, 2, 3])));
            Assert.Equal([4, 5], initiator.Decrypt(responder.Encrypt([4, 5])));
            Assert.Equal(initiator.HandshakeHash.ToArray(), responder.HandshakeHash.ToArray());
            Assert.Equal(NoiseLimits.HashLength, initiator.HandshakeHash.Length);
        }
    }

    [Fact]
    public void IK_Responder_SeesInitiatorStaticKeyAfterFirstMessage()
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);
        using NoiseHandshake responder = _kit.Responder(IK);
        Assert.Null(responder.RemoteStatic);

        responder.ReadMessage(initiator.WriteMessage([]));

        // The host checks this against its paired devices before answering.
        Assert.Equal(_kit.InitiatorStatic.PublicKey, responder.RemoteStatic);
        initiator.ReadMessage(responder.WriteMessage([]));
        using NoiseTransport responderTransport = responder.Split();
        using NoiseTransport initiatorTransport = initiator.Split();
        Assert.Equal(_kit.InitiatorStatic.PublicKey, responderTransport.RemoteStatic);
        Assert.Equal(_kit.ResponderStatic.PublicKey, initiatorTransport.RemoteStatic);
    }

    [Fact]
    public void IK_InitiatorPinnedWrongResponderKey_ResponderRefusesFirstMessage()
    {
        using NoiseKeyPair impostor = NoiseKeyPair.Generate();
        using NoiseHandshake initiator = _kit.Initiator(IK, pinnedResponder: impostor.PublicKey);
        using NoiseHandshake responder = _kit.Responder(IK);

        Assert.Throws<DecryptionFailedException>(() => responder.ReadMessage(initiator.WriteMessage([])));
    }

    [Fact]
    public void IKpsk2_WrongPsk_InitiatorRefusesResponse()
    {
        using NoisePresharedKey wrong = NoisePresharedKey.Generate();
        using NoiseHandshake initiator = _kit.Initiator(IKpsk2, psk: wrong);
        using NoiseHandshake responder = _kit.Responder(IKpsk2);
        responder.ReadMessage(initiator.WriteMessage([]));

        // psk2 mixes the PSK at the end of message 2, so that is where a mismatch shows.
        Assert.Throws<DecryptionFailedException>(() => initiator.ReadMessage(responder.WriteMessage([])));
        Assert.False(initiator.IsComplete);
    }

    [Fact]
    public void ReadMessage_AfterTagFailure_HandshakeIsPoisoned()
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);
        using NoiseHandshake responder = _kit.Responder(IK);
        byte[] message = initiator.WriteMessage([1]);
        message[^1] ^= 1;

        Assert.Throws<DecryptionFailedException>(() => responder.ReadMessage(message));
        message[^1] ^= 1;
        Assert.Throws<StatePoisonedException>(() => responder.ReadMessage(message));
        Assert.Throws<StatePoisonedException>(() => responder.WriteMessage([]));
        Assert.Throws<StatePoisonedException>(() => responder.Split());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(79)]
    [InlineData(IKFirstMessageOverhead - 1)]
    public void ReadMessage_Truncated_ThrowsTruncatedMessageAndPoisons(int length)
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);
        using NoiseHandshake responder = _kit.Responder(IK);
        byte[] message = initiator.WriteMessage([]);

        Assert.Throws<TruncatedMessageException>(() => responder.ReadMessage(message.AsSpan(0, length)));
        Assert.Throws<StatePoisonedException>(() => responder.ReadMessage(message));
    }

    [Fact]
    public void ReadMessage_Over65535Bytes_ThrowsMessageTooLarge()
    {
        using NoiseHandshake responder = _kit.Responder(IK);

        Assert.Throws<MessageTooLargeException>(() => responder.ReadMessage(new byte[NoiseLimits.MaxMessageLength + 1]));
    }

    [Fact]
    public void WriteMessage_PayloadMakingMessageOver65535_ThrowsMessageTooLargeWithoutConsumingTheTurn()
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);
        using NoiseHandshake responder = _kit.Responder(IK);
        const int largestPayload = NoiseLimits.MaxMessageLength - IKFirstMessageOverhead;

        Assert.Throws<MessageTooLargeException>(() => initiator.WriteMessage(new byte[largestPayload + 1]));
        Assert.Throws<MessageTooLargeException>(() => initiator.GetMessageLength(int.MaxValue));

        byte[] message = initiator.WriteMessage(new byte[largestPayload]);
        Assert.Equal(NoiseLimits.MaxMessageLength, message.Length);
        Assert.Equal(largestPayload, responder.ReadMessage(message).Length);
    }

    [Fact]
    public void WriteMessage_WhenItIsThePeersTurn_ThrowsWrongTurn()
    {
        using NoiseHandshake responder = _kit.Responder(IK);

        Assert.False(responder.IsMyTurn);
        Assert.Throws<WrongTurnException>(() => responder.WriteMessage([]));
    }

    [Fact]
    public void ReadMessage_WhenItIsOurTurn_ThrowsWrongTurn()
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);

        Assert.Throws<WrongTurnException>(() => initiator.ReadMessage(new byte[200]));
        // Out-of-order calls are caller bugs and leave the handshake usable.
        Assert.NotEmpty(initiator.WriteMessage([]));
    }

    [Fact]
    public void WriteOrRead_AfterCompletion_ThrowsHandshakeCompleted()
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);
        using NoiseHandshake responder = _kit.Responder(IK);
        responder.ReadMessage(initiator.WriteMessage([]));
        byte[] reply = responder.WriteMessage([]);
        initiator.ReadMessage(reply);

        Assert.Throws<HandshakeCompletedException>(() => initiator.WriteMessage([]));
        Assert.Throws<HandshakeCompletedException>(() => initiator.ReadMessage(reply));
        Assert.IsAssignableFrom<InvalidOperationException>(Record.Exception(() => responder.WriteMessage([])));
    }

    [Fact]
    public void SplitOrHandshakeHash_BeforeCompletion_ThrowsHandshakeIncomplete()
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);

        Assert.Throws<HandshakeIncompleteException>(() => initiator.Split());
        Assert.Throws<HandshakeIncompleteException>(() => initiator.HandshakeHash);
    }

    [Fact]
    public void Split_CalledTwice_ThrowsObjectDisposed()
    {
        using NoiseHandshake initiator = _kit.Initiator(IK);
        using NoiseHandshake responder = _kit.Responder(IK);
        (NoiseTransport a, NoiseTransport b) = SessionKit.Complete(initiator, responder);
        a.Dispose();
        b.Dispose();

        Assert.Throws<ObjectDisposedException>(() => initiator.Split());
    }

    [Fact]
    public void Create_MissingOrExtraKeys_ThrowsPreciseException()
    {
        NoiseProtocol ik = NoiseProtocol.Parse(IK);
        NoiseProtocol ikpsk2 = NoiseProtocol.Parse(IKpsk2);
        NoiseProtocol xx = NoiseProtocol.Parse("Noise_XX_25519_AESGCM_SHA256");
        NoisePublicKey host = _kit.ResponderStatic.PublicKey;

        Assert.Throws<MissingKeyException>(() => NoiseHandshake.Create(ik, NoiseRole.Initiator, new() { RemoteStatic = host }));
        Assert.Throws<MissingKeyException>(() => NoiseHandshake.Create(ik, NoiseRole.Initiator, new() { LocalStatic = _kit.InitiatorStatic }));
        Assert.Throws<MissingKeyException>(() => NoiseHandshake.Create(ikpsk2, NoiseRole.Responder, new() { LocalStatic = _kit.ResponderStatic }));
        Assert.Throws<UnexpectedKeyException>(() => NoiseHandshake.Create(xx, NoiseRole.Initiator, new() { LocalStatic = _kit.InitiatorStatic, RemoteStatic = host }));
        Assert.Throws<UnexpectedKeyException>(() => NoiseHandshake.Create(ik, NoiseRole.Responder, new() { LocalStatic = _kit.ResponderStatic, Psks = [_kit.Psk] }));
        Assert.Throws<UnexpectedKeyException>(() => NoiseHandshake.Create(NoiseProtocol.Parse("Noise_NN_25519_AESGCM_SHA256"), NoiseRole.Responder, new() { LocalStatic = _kit.ResponderStatic }));
    }

    [Fact]
    public void Handshake_DifferentPrologues_FailsFirstAuthenticatedMessage()
    {
        NoiseProtocol ik = NoiseProtocol.Parse(IK);
        using var initiator = NoiseHandshake.Create(ik, NoiseRole.Initiator, new() { LocalStatic = _kit.InitiatorStatic, RemoteStatic = _kit.ResponderStatic.PublicKey, Prologue = new byte[] { 1 } });
        using var responder = NoiseHandshake.Create(ik, NoiseRole.Responder, new() { LocalStatic = _kit.ResponderStatic, Prologue = new byte[] { 2 } });

        Assert.Throws<DecryptionFailedException>(() => responder.ReadMessage(initiator.WriteMessage([])));
    }

    [Fact]
    public void Dispose_ThenWrite_ThrowsObjectDisposed()
    {
        NoiseHandshake initiator = _kit.Initiator(IK);
        initiator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => initiator.WriteMessage([]));
    }

    public void Dispose() => _kit.Dispose();
}
