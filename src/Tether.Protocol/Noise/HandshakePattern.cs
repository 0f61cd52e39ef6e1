namespace Tether.Protocol.Noise;

/// <summary>
/// A handshake pattern (spec section 7): pre-message tokens for each side, then the message patterns in
/// order. Messages alternate and the initiator sends first, so message i is the initiator's when i is even.
/// </summary>
internal sealed class HandshakePattern
{
    public HandshakePattern(
        string name,
        IReadOnlyList<NoiseToken> initiatorPreMessage,
        IReadOnlyList<NoiseToken> responderPreMessage,
        IReadOnlyList<IReadOnlyList<NoiseToken>> messages)
    {
        Name = name;
        InitiatorPreMessage = initiatorPreMessage;
        ResponderPreMessage = responderPreMessage;
        Messages = messages;
        PskCount = messages.Sum(m => m.Count(t => t == NoiseToken.Psk));
    }

    public string Name { get; }

    public IReadOnlyList<NoiseToken> InitiatorPreMessage { get; }

    public IReadOnlyList<NoiseToken> ResponderPreMessage { get; }

    public IReadOnlyList<IReadOnlyList<NoiseToken>> Messages { get; }

    public int PskCount { get; }

    /// <summary>Spec section 9.2: any psk token puts the whole handshake in PSK mode, which changes the "e" token.</summary>
    public bool IsPskMode => PskCount > 0;

    /// <summary>One-way patterns (spec section 7.4) have a single message; the transport then only runs initiator to responder.</summary>
    public bool IsOneWay => Messages.Count == 1;

    /// <summary>Whether <paramref name="role"/> must own a static key pair: it sends "s" or has one in its pre-message.</summary>
    public bool NeedsLocalStatic(NoiseRole role) =>
        PreMessage(role).Contains(NoiseToken.S) || SentBy(role).Any(m => m.Contains(NoiseToken.S));

    /// <summary>Whether <paramref name="role"/> must know the peer's static key before the handshake (peer's pre-message).</summary>
    public bool NeedsRemoteStatic(NoiseRole role) =>
        PreMessage(Peer(role)).Contains(NoiseToken.S);

    public IReadOnlyList<NoiseToken> PreMessage(NoiseRole role) =>
        role == NoiseRole.Initiator ? InitiatorPreMessage : ResponderPreMessage;

    public static NoiseRole Peer(NoiseRole role) =>
        role == NoiseRole.Initiator ? NoiseRole.Responder : NoiseRole.Initiator;

    public static NoiseRole SenderOf(int messageIndex) =>
        messageIndex % 2 == 0 ? NoiseRole.Initiator : NoiseRole.Responder;

    private IEnumerable<IReadOnlyList<NoiseToken>> SentBy(NoiseRole role) =>
        Messages.Where((_, index) => SenderOf(index) == role);
}
