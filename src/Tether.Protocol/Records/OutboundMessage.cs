namespace Tether.Protocol.Records;

/// <summary>A message the peer has not acknowledged yet, kept by <see cref="OutboundLog"/> for resending.</summary>
/// <param name="Seq">Its sequence number.</param>
/// <param name="Message">Its bytes (the log's own copy; do not modify).</param>
public readonly record struct OutboundMessage(ulong Seq, ReadOnlyMemory<byte> Message);
