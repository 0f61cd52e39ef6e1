using System.Buffers.Binary;

namespace Tether.Protocol.Relay;

/// <summary>
/// The relay's wire format, in one place (docs/protocol.md §7.3). Every WebSocket message is one
/// frame: a type byte and a body. Writers build frames; readers take untrusted bytes and return false
/// for anything malformed, never throw.
/// </summary>
/// <remarks>
/// <code>
/// CHALLENGE   0x01  nonce (32)
/// HELLO       0x02  role (1) | kind (1) | credential
/// WELCOME     0x03  peer id (u32) | flags (1) | expires (u64) | token (83, or none)
/// REFRESH     0x04  (empty)
/// TOKEN       0x05  expires (u64) | token (83)
/// DATA        0x10  peer id (u32) | payload (0..65,535)
/// PEER_JOINED 0x20  peer id (u32) | role (1) | subject (16)
/// PEER_LEFT   0x21  peer id (u32) | reason (1)
/// HOST_ONLINE 0x22, HOST_OFFLINE 0x23  (empty)
/// PAIR_OPEN   0x30  verifier (32) | expires (u64)
/// PAIR_CLOSE  0x31  verifier (32)
/// KICK        0x32  peer id (u32) | reason (1)
/// RESTARTING  0x40  reconnect after, ms (u32)
/// </code>
/// </remarks>
public static class RelayFrames
{
    /// <summary>The largest Noise message (Noise §3): a DATA payload is one.</summary>
    public const int MaxPayload = 65_535;

    /// <summary>DATA's type and peer id.</summary>
    public const int DataHeaderLength = 5;

    /// <summary>65,540 bytes: a DATA frame with the largest payload. Checked before anything is allocated.</summary>
    public const int MaxFrame = DataHeaderLength + MaxPayload;

    /// <summary>
    /// 512 bytes: the largest credential is a device proof (283 bytes); nothing bigger is read from a
    /// connection that has not authenticated.
    /// </summary>
    public const int MaxHello = 512;

    /// <summary>WELCOME flag: the channel's host is online.</summary>
    public const byte HostOnlineFlag = 0x01;

    /// <summary>The frame's type, or false for an empty frame.</summary>
    public static bool TryReadType(ReadOnlySpan<byte> frame, out RelayFrameType type)
    {
        type = frame.IsEmpty ? default : (RelayFrameType)frame[0];
        return !frame.IsEmpty;
    }

    /// <summary>CHALLENGE with a fresh nonce.</summary>
    public static byte[] Challenge(ReadOnlySpan<byte> nonce) =>
        nonce.Length == HelloSignature.NonceLength ? [(byte)RelayFrameType.Challenge, .. nonce] : throw new ArgumentException("A nonce is 32 bytes.", nameof(nonce));

    /// <summary>Reads a CHALLENGE frame; false if it is not exactly one.</summary>
    public static bool TryReadChallenge(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> nonce) =>
        TryBody(frame, RelayFrameType.Challenge, HelloSignature.NonceLength, out nonce);

    /// <summary>HELLO with a credential built by <see cref="ChannelKey"/>, <see cref="DeviceAccessKey"/>, a token or a pairing code.</summary>
    public static byte[] Hello(RelayRole role, HelloKind kind, ReadOnlySpan<byte> credential) =>
        [(byte)RelayFrameType.Hello, (byte)role, (byte)kind, .. credential];

    /// <summary>Reads a HELLO whose credential has the exact length its kind requires.</summary>
    public static bool TryReadHello(ReadOnlySpan<byte> frame, out RelayRole role, out HelloKind kind, out ReadOnlySpan<byte> credential)
    {
        role = default;
        kind = default;
        credential = default;
        if (frame.Length < 3 || frame.Length > MaxHello || frame[0] != (byte)RelayFrameType.Hello)
        {
            return false;
        }

        role = (RelayRole)frame[1];
        kind = (HelloKind)frame[2];
        credential = frame[3..];
        var expected = kind switch
        {
            HelloKind.Token => ConnectToken.Length,
            HelloKind.HostProof => EcdsaP256.PublicKeyLength + EcdsaP256.SignatureLength,
            HelloKind.DeviceProof => DeviceCertificate.Length + EcdsaP256.SignatureLength,
            HelloKind.PairingAccess => PairingAccessCode.Length,
            _ => -1,
        };
        return role is RelayRole.Host or RelayRole.Device or RelayRole.Pairing && credential.Length == expected;
    }

    /// <summary>WELCOME; <paramref name="token"/> is empty for a pairing connection.</summary>
    public static byte[] Welcome(uint peerId, bool hostOnline, ulong expires, ReadOnlySpan<byte> token)
    {
        var frame = new byte[1 + 4 + 1 + 8 + token.Length];
        frame[0] = (byte)RelayFrameType.Welcome;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), peerId);
        frame[5] = hostOnline ? HostOnlineFlag : (byte)0;
        BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(6), expires);
        token.CopyTo(frame.AsSpan(14));
        return frame;
    }

    /// <summary>Reads a WELCOME frame; false if it is not exactly one.</summary>
    public static bool TryReadWelcome(ReadOnlySpan<byte> frame, out uint peerId, out bool hostOnline, out ulong expires, out ReadOnlySpan<byte> token)
    {
        peerId = 0;
        hostOnline = false;
        expires = 0;
        token = default;
        if (frame.Length is not (14 or 14 + ConnectToken.Length) || frame[0] != (byte)RelayFrameType.Welcome || (frame[5] & ~HostOnlineFlag) != 0)
        {
            return false;
        }

        peerId = BinaryPrimitives.ReadUInt32BigEndian(frame[1..]);
        hostOnline = (frame[5] & HostOnlineFlag) != 0;
        expires = BinaryPrimitives.ReadUInt64BigEndian(frame[6..]);
        token = frame[14..];
        return peerId != 0;
    }

    /// <summary>Builds a REFRESH frame.</summary>
    public static byte[] Refresh() => [(byte)RelayFrameType.Refresh];

    /// <summary>Builds a TOKEN frame.</summary>
    public static byte[] Token(ulong expires, ReadOnlySpan<byte> token)
    {
        var frame = new byte[1 + 8 + ConnectToken.Length];
        frame[0] = (byte)RelayFrameType.Token;
        BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(1), expires);
        token.CopyTo(frame.AsSpan(9));
        return frame;
    }

    /// <summary>Reads a TOKEN frame; false if it is not exactly one.</summary>
    public static bool TryReadToken(ReadOnlySpan<byte> frame, out ulong expires, out ReadOnlySpan<byte> token)
    {
        expires = 0;
        token = default;
        if (frame.Length != 1 + 8 + ConnectToken.Length || frame[0] != (byte)RelayFrameType.Token)
        {
            return false;
        }

        expires = BinaryPrimitives.ReadUInt64BigEndian(frame[1..]);
        token = frame[9..];
        return true;
    }

    /// <summary>Writes DATA's header into the first 5 bytes of <paramref name="frame"/>; the payload follows it.</summary>
    public static void WriteDataHeader(Span<byte> frame, uint peerId)
    {
        frame[0] = (byte)RelayFrameType.Data;
        BinaryPrimitives.WriteUInt32BigEndian(frame[1..], peerId);
    }

    /// <summary>DATA to or from <paramref name="peerId"/> (0 between a device and the relay).</summary>
    public static byte[] Data(uint peerId, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, $"A DATA payload is at most {MaxPayload} bytes.");
        }

        var frame = new byte[DataHeaderLength + payload.Length];
        WriteDataHeader(frame, peerId);
        payload.CopyTo(frame.AsSpan(DataHeaderLength));
        return frame;
    }

    /// <summary>Reads a DATA frame; false if it is not exactly one.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> frame, out uint peerId, out ReadOnlySpan<byte> payload)
    {
        peerId = 0;
        payload = default;
        if (frame.Length < DataHeaderLength || frame.Length > MaxFrame || frame[0] != (byte)RelayFrameType.Data)
        {
            return false;
        }

        peerId = BinaryPrimitives.ReadUInt32BigEndian(frame[1..]);
        payload = frame[DataHeaderLength..];
        return true;
    }

    /// <summary>Builds a PEER_JOINED frame.</summary>
    public static byte[] PeerJoined(uint peerId, RelayRole role, RelayId subject)
    {
        var frame = new byte[1 + 4 + 1 + RelayId.Length];
        frame[0] = (byte)RelayFrameType.PeerJoined;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), peerId);
        frame[5] = (byte)role;
        subject.WriteTo(frame.AsSpan(6));
        return frame;
    }

    /// <summary>Reads a PEER_JOINED frame; false if it is not exactly one.</summary>
    public static bool TryReadPeerJoined(ReadOnlySpan<byte> frame, out uint peerId, out RelayRole role, out RelayId subject)
    {
        peerId = 0;
        role = default;
        subject = default;
        if (frame.Length != 1 + 4 + 1 + RelayId.Length || frame[0] != (byte)RelayFrameType.PeerJoined || frame[5] is not ((byte)RelayRole.Device or (byte)RelayRole.Pairing))
        {
            return false;
        }

        peerId = BinaryPrimitives.ReadUInt32BigEndian(frame[1..]);
        role = (RelayRole)frame[5];
        subject = RelayId.Read(frame[6..]);
        return true;
    }

    /// <summary>Builds a PEER_LEFT frame.</summary>
    public static byte[] PeerLeft(uint peerId, RelayCloseReason reason) => PeerAndReason(RelayFrameType.PeerLeft, peerId, reason);

    /// <summary>Reads a PEER_LEFT frame; false if it is not exactly one.</summary>
    public static bool TryReadPeerLeft(ReadOnlySpan<byte> frame, out uint peerId, out RelayCloseReason reason) =>
        TryPeerAndReason(frame, RelayFrameType.PeerLeft, out peerId, out reason);

    /// <summary>Builds a KICK frame.</summary>
    public static byte[] Kick(uint peerId, RelayCloseReason reason) => PeerAndReason(RelayFrameType.Kick, peerId, reason);

    /// <summary>Reads a KICK frame; false if it is not exactly one.</summary>
    public static bool TryReadKick(ReadOnlySpan<byte> frame, out uint peerId, out RelayCloseReason reason) =>
        TryPeerAndReason(frame, RelayFrameType.Kick, out peerId, out reason);

    /// <summary>Builds a HOST_ONLINE frame.</summary>
    public static byte[] HostOnline() => [(byte)RelayFrameType.HostOnline];

    /// <summary>Builds a HOST_OFFLINE frame.</summary>
    public static byte[] HostOffline() => [(byte)RelayFrameType.HostOffline];

    /// <summary>Builds a PAIR_OPEN frame.</summary>
    public static byte[] PairOpen(ReadOnlySpan<byte> verifier, ulong expires)
    {
        var frame = new byte[1 + PairingAccessCode.Length + 8];
        frame[0] = (byte)RelayFrameType.PairOpen;
        CheckVerifier(verifier).CopyTo(frame.AsSpan(1));
        BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(1 + PairingAccessCode.Length), expires);
        return frame;
    }

    /// <summary>Reads a PAIR_OPEN frame; false if it is not exactly one.</summary>
    public static bool TryReadPairOpen(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> verifier, out ulong expires)
    {
        expires = 0;
        if (!TryBody(frame, RelayFrameType.PairOpen, PairingAccessCode.Length + 8, out var body))
        {
            verifier = default;
            return false;
        }

        verifier = body[..PairingAccessCode.Length];
        expires = BinaryPrimitives.ReadUInt64BigEndian(body[PairingAccessCode.Length..]);
        return true;
    }

    /// <summary>Builds a PAIR_CLOSE frame.</summary>
    public static byte[] PairClose(ReadOnlySpan<byte> verifier) => [(byte)RelayFrameType.PairClose, .. CheckVerifier(verifier)];

    /// <summary>Reads a PAIR_CLOSE frame; false if it is not exactly one.</summary>
    public static bool TryReadPairClose(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> verifier) =>
        TryBody(frame, RelayFrameType.PairClose, PairingAccessCode.Length, out verifier);

    /// <summary>Builds a RESTARTING frame.</summary>
    public static byte[] Restarting(uint reconnectAfterMs)
    {
        var frame = new byte[5];
        frame[0] = (byte)RelayFrameType.Restarting;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), reconnectAfterMs);
        return frame;
    }

    /// <summary>Reads a RESTARTING frame; false if it is not exactly one.</summary>
    public static bool TryReadRestarting(ReadOnlySpan<byte> frame, out uint reconnectAfterMs)
    {
        reconnectAfterMs = 0;
        if (!TryBody(frame, RelayFrameType.Restarting, 4, out var body))
        {
            return false;
        }

        reconnectAfterMs = BinaryPrimitives.ReadUInt32BigEndian(body);
        return true;
    }

    /// <summary>Whether a frame is exactly its type byte (REFRESH, HOST_ONLINE, HOST_OFFLINE).</summary>
    public static bool IsBare(ReadOnlySpan<byte> frame, RelayFrameType type) => frame.Length == 1 && frame[0] == (byte)type;

    private static byte[] PeerAndReason(RelayFrameType type, uint peerId, RelayCloseReason reason)
    {
        var frame = new byte[6];
        frame[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), peerId);
        frame[5] = (byte)reason;
        return frame;
    }

    private static bool TryPeerAndReason(ReadOnlySpan<byte> frame, RelayFrameType type, out uint peerId, out RelayCloseReason reason)
    {
        peerId = 0;
        reason = default;
        if (frame.Length != 6 || frame[0] != (byte)type || !RelayCloseReasons.IsDefined(frame[5]))
        {
            return false;
        }

        peerId = BinaryPrimitives.ReadUInt32BigEndian(frame[1..]);
        reason = (RelayCloseReason)frame[5];
        return peerId != 0;
    }

    private static bool TryBody(ReadOnlySpan<byte> frame, RelayFrameType type, int bodyLength, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (frame.Length != 1 + bodyLength || frame[0] != (byte)type)
        {
            return false;
        }

        body = frame[1..];
        return true;
    }

    private static ReadOnlySpan<byte> CheckVerifier(ReadOnlySpan<byte> verifier) =>
        verifier.Length == PairingAccessCode.Length ? verifier : throw new ArgumentException("A pairing verifier is 32 bytes.", nameof(verifier));
}
