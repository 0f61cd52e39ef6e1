namespace Tether.Protocol.Records;

/// <summary>The flags byte of a record (docs/protocol.md §4). Every other bit must be 0.</summary>
[Flags]
public enum RecordFlagBits : byte
{
    /// <summary>No flag set.</summary>
    None = 0,

    /// <summary>Another chunk of the same message follows (bit 0).</summary>
    More = 0x01,

    /// <summary>The sender rekeys its sending cipher after this record (bit 1, §5).</summary>
    Rekey = 0x02,
}
