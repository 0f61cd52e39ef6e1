using Tether.Protocol.Noise;
using Tether.Protocol.Records;
using Tether.Protocol.Rekey;

namespace Tether.Client.Sessions;

/// <summary>
/// One Noise session's records (docs/protocol.md §4, §5): seals records with the rekey policy and
/// opens the peer's, checking them, taking their acks and reassembling messages. Made after each
/// handshake and thrown away with its connection; what must survive (the outbound log and the
/// delivered seq) lives in <see cref="ReliableChannel"/>. Not thread-safe.
/// </summary>
internal sealed class RecordSession : IDisposable
{
    private readonly NoiseTransport _transport;
    private readonly Reassembler _reassembler;
    private readonly RekeyPolicy _rekey;
    private readonly TimeProvider _time;
    private ulong _sentUnderKey;
    private long _keySetAt;

    public RecordSession(NoiseTransport transport, uint peerId, ulong delivered, RekeyPolicy rekey, TimeProvider time)
    {
        _transport = transport;
        PeerId = peerId;
        _reassembler = new Reassembler(delivered);
        _rekey = rekey;
        _time = time;
        _keySetAt = time.GetTimestamp();
    }

    /// <summary>The relay peer id this session talks to (0 for a device's host).</summary>
    public uint PeerId { get; }

    /// <summary>The highest seq delivered, carried over from earlier sessions: this side's ack.</summary>
    public ulong Delivered => _reassembler.Delivered;

    /// <summary>Duplicate records dropped in this session.</summary>
    public long Duplicates => _reassembler.DuplicateCount;

    /// <summary>Encodes and encrypts one record, setting REKEY and rekeying when the policy says so (§5).</summary>
    public byte[] Seal(RecordHeader header, ReadOnlySpan<byte> body)
    {
        var seconds = (ulong)_time.GetElapsedTime(_keySetAt).TotalSeconds;
        var rekey = _rekey.ShouldRekey(_sentUnderKey, seconds);
        var record = RecordCodec.Encode(rekey ? header.WithRekey() : header, body);
        var message = _transport.Encrypt(record);
        if (rekey)
        {
            _transport.RekeySend();
            _sentUnderKey = 0;
            _keySetAt = _time.GetTimestamp();
        }
        else
        {
            _sentUnderKey++;
        }

        return message;
    }

    /// <summary>
    /// Decrypts and checks one Noise message from the peer, hands its ack to <paramref name="log"/> and
    /// reassembles. A non-null <paramref name="error"/> means the session must be dropped; <paramref name="fault"/>
    /// says which kind of security event it is.
    /// </summary>
    public ReassemblyOutcome Open(ReadOnlySpan<byte> noiseMessage, OutboundLog log, out byte[]? message, out string? error, out RecordFault fault)
    {
        message = null;
        fault = RecordFault.Rule;
        byte[] record;
        try
        {
            record = _transport.Decrypt(noiseMessage);
        }
        catch (NoiseException)
        {
            error = "decrypt";
            fault = RecordFault.Undecryptable;
            return ReassemblyOutcome.Failed;
        }

        if (!RecordCodec.TryDecode(record, out var header, out var body, out var decodeError))
        {
            error = decodeError.ToCode();
            return ReassemblyOutcome.Failed;
        }

        if (header.Rekey)
        {
            _transport.RekeyReceive();
        }

        if (!log.TryAcknowledge(header.Ack, out var ackError))
        {
            error = ackError.ToCode();
            fault = RecordFault.Ack;
            return ReassemblyOutcome.Failed;
        }

        var outcome = _reassembler.Accept(header, body, out message, out var sequenceError);
        error = outcome == ReassemblyOutcome.Failed ? sequenceError.ToCode() : null;
        fault = error is null ? RecordFault.None : RecordFault.Rule;
        return outcome;
    }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
