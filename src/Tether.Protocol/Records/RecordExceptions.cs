namespace Tether.Protocol.Records;

/// <summary>
/// Every exception the record layer throws, in one place. They are for caller bugs only (bad
/// network input returns a <see cref="RecordError"/>); where the refusal mirrors a decoder's, the
/// message starts with the decoder's code. Messages never carry message contents.
/// </summary>
internal static class RecordExceptions
{
    public static ArgumentException Refused(RecordError error, string paramName) =>
        new($"{error.ToCode()}: the decoder would refuse this record, so it is not encoded.", paramName);

    public static ArgumentOutOfRangeException MessageTooLarge(string paramName, long length) =>
        new(paramName, length,
            $"{RecordError.MessageTooLarge.ToCode()}: a message is at most {Chunker.MaxMessageBytes} bytes; truncate it before sending.");

    public static ArgumentException DestinationTooSmall(string paramName, int needed) =>
        new($"The destination needs {needed} bytes.", paramName);

    public static InvalidOperationException ReceiverFailed(RecordError error) =>
        new($"The reassembler refused a record ({error.ToCode()}); the connection must be dropped and this reassembler not used again.");

    public static InvalidOperationException SequenceExhausted() =>
        new("Sequence numbers never wrap (docs/protocol.md §4.3); this host session has sent 2^64-1 messages.");
}
