namespace Tether.Protocol.Records;

/// <summary>What <see cref="Reassembler.Accept"/> did with one record (docs/protocol.md §4.3).</summary>
public enum ReassemblyOutcome
{
    /// <summary>The record broke a rule; the connection must be dropped. The default, so an unset outcome fails.</summary>
    Failed = 0,

    /// <summary>A chunk with MORE: appended, the message stays in progress.</summary>
    Buffered,

    /// <summary>The last chunk of a new message: the whole message goes to the application.</summary>
    Delivered,

    /// <summary>A chunk of a message already delivered (a resend after a reconnect): checked, then dropped.</summary>
    Duplicate,

    /// <summary>An ACK record: only its <c>ack</c> field matters; nothing is delivered.</summary>
    Ack,
}
