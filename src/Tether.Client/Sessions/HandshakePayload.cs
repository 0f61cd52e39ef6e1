namespace Tether.Client.Sessions;

/// <summary>
/// The payloads of the session handshake (docs/protocol.md §9):
/// <code>
/// message 1 (device → host)  version 0x01 (1) ‖ stream id (16; zero = start a new stream)
/// message 2 (host → device)  version 0x01 (1) ‖ stream id (16, never zero) ‖ flags (1; bit 0 resumed)
/// </code>
/// Exact lengths: anything shorter, longer, of another version or with unknown flag bits is refused.
/// </summary>
internal static class HandshakePayload
{
    public const byte Version = 0x01;
    public const int FirstLength = 1 + StreamId.Length;
    public const int SecondLength = 1 + StreamId.Length + 1;
    private const byte ResumedFlag = 0x01;

    public static byte[] First(StreamId requested)
    {
        var payload = new byte[FirstLength];
        payload[0] = Version;
        requested.WriteTo(payload.AsSpan(1));
        return payload;
    }

    public static bool TryReadFirst(ReadOnlySpan<byte> payload, out StreamId requested)
    {
        requested = default;
        if (payload.Length != FirstLength || payload[0] != Version)
        {
            return false;
        }

        requested = StreamId.Read(payload[1..]);
        return true;
    }

    public static byte[] Second(StreamId stream, bool resumed)
    {
        var payload = new byte[SecondLength];
        payload[0] = Version;
        stream.WriteTo(payload.AsSpan(1));
        payload[^1] = resumed ? ResumedFlag : (byte)0;
        return payload;
    }

    public static bool TryReadSecond(ReadOnlySpan<byte> payload, out StreamId stream, out bool resumed)
    {
        (stream, resumed) = (default, false);
        if (payload.Length != SecondLength || payload[0] != Version || (payload[^1] & ~ResumedFlag) != 0)
        {
            return false;
        }

        stream = StreamId.Read(payload[1..^1]);
        resumed = (payload[^1] & ResumedFlag) != 0;
        return !stream.IsNone;
    }
}
