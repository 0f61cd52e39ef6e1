using System.Collections.Concurrent;
using System.Text;
using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

/// <summary>
/// A scripted, deterministic conversation (fixed statics, PSK and ephemerals): the handshake messages,
/// then transport messages in both directions. Because it is deterministic, the honest transcript can be
/// recorded once and replayed against fresh parties with one delivery tampered with.
/// </summary>
internal sealed class Conversation : IDisposable
{
    // Who sends each transport message after the handshake: consecutive same-direction messages make
    // reordering meaningful, and both directions are exercised.
    private static readonly bool[] InteractiveTransportFromInitiator = [true, true, false, true, false, false];
    private static readonly ConcurrentDictionary<string, IReadOnlyList<byte[]>> Transcripts = new(StringComparer.Ordinal);

    private readonly List<IDisposable> _keys = [];
    private readonly NoiseProtocol _protocol;
    private readonly NoiseHandshake _initiator;
    private readonly NoiseHandshake _responder;
    private NoiseTransport? _initiatorTransport;
    private NoiseTransport? _responderTransport;

    public Conversation(string protocolName)
    {
        _protocol = NoiseProtocol.Parse(protocolName);
        _initiator = Create(NoiseRole.Initiator);
        _responder = Create(NoiseRole.Responder);
    }

    public int StepCount => HandshakeSteps + (_protocol.IsOneWay ? 3 : InteractiveTransportFromInitiator.Length);

    private int HandshakeSteps => _protocol.Pattern.Messages.Count;

    /// <summary>The honest transcript, recorded once per protocol.</summary>
    public static IReadOnlyList<byte[]> Transcript(string protocolName) => Transcripts.GetOrAdd(protocolName, name =>
    {
        using var conversation = new Conversation(name);
        var messages = new List<byte[]>();
        for (int step = 0; step < conversation.StepCount; step++)
        {
            byte[] message = conversation.Send(step);
            conversation.Receive(step, message);
            messages.Add(message);
        }

        return messages;
    });

    public static byte[] Payload(int step) => step == 3 ? [] : Encoding.UTF8.GetBytes($"payload of step {step}");

    public byte[] Send(int step)
    {
        if (step < HandshakeSteps)
        {
            return (FromInitiator(step) ? _initiator : _responder).WriteMessage(Payload(step));
        }

        return (FromInitiator(step) ? _initiatorTransport! : _responderTransport!).Encrypt(Payload(step));
    }

    /// <summary>The receiving party processes <paramref name="message"/>; returns the payload it accepted.</summary>
    public byte[] Receive(int step, byte[] message)
    {
        if (step >= HandshakeSteps)
        {
            return (FromInitiator(step) ? _responderTransport! : _initiatorTransport!).Decrypt(message);
        }

        byte[] payload = (FromInitiator(step) ? _responder : _initiator).ReadMessage(message);
        if (_initiator.IsComplete && _responder.IsComplete)
        {
            _initiatorTransport = _initiator.Split();
            _responderTransport = _responder.Split();
        }

        return payload;
    }

    public void Dispose()
    {
        _initiator.Dispose();
        _responder.Dispose();
        _initiatorTransport?.Dispose();
        _responderTransport?.Dispose();
        _keys.ForEach(k => k.Dispose());
    }

    private bool FromInitiator(int step) =>
        step < HandshakeSteps
            ? HandshakePattern.SenderOf(step) == NoiseRole.Initiator
            : _protocol.IsOneWay || InteractiveTransportFromInitiator[step - HandshakeSteps];

    private NoiseHandshake Create(NoiseRole role)
    {
        string self = role == NoiseRole.Initiator ? "initiator" : "responder";
        string peer = role == NoiseRole.Initiator ? "responder" : "initiator";
        HandshakePattern pattern = _protocol.Pattern;
        NoiseKeyPair? local = pattern.NeedsLocalStatic(role) ? Track(TestKeys.Pair($"{self} static")) : null;
        NoisePublicKey? remote = null;
        if (pattern.NeedsRemoteStatic(role))
        {
            using NoiseKeyPair peerPair = TestKeys.Pair($"{peer} static");
            remote = peerPair.PublicKey;
        }

        return NoiseHandshake.Create(_protocol, role, new NoiseHandshakeOptions
        {
            Prologue = "tether mutation test"u8.ToArray(),
            LocalStatic = local,
            RemoteStatic = remote,
            Psks = Enumerable.Range(0, pattern.PskCount).Select(i => Track(TestKeys.Psk($"psk {i}"))).ToList(),
            FixedEphemeral = Track(TestKeys.Pair($"{self} ephemeral")),
        });
    }

    private T Track<T>(T key)
        where T : IDisposable
    {
        _keys.Add(key);
        return key;
    }
}
