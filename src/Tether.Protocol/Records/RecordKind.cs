namespace Tether.Protocol.Records;

/// <summary>The kind byte of a record (docs/protocol.md §4).</summary>
public enum RecordKind : byte
{
    /// <summary>A chunk of an application message; seq ≥ 1.</summary>
    Message = 0x01,

    /// <summary>Carries only the sender's cumulative <c>ack</c>; seq, chunk and body are empty.</summary>
    Ack = 0x02,
}
