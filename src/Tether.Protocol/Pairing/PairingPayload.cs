using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tether.Protocol.Pairing;

/// <summary>
/// The pairing payload wire format (docs/protocol.md §2.1) and the parser of §2.3:
/// <code>
/// offset size field
///   0     1   version                0x01
///   1    16   channel id             the relay channel the host listens on
///  17    32   host static public key X25519, pinned by the device for every later session
///  49    32   PSK                    one-time secret for Noise_IKpsk2
///  81     8   expiry                 Unix time in seconds (u64)
///  89     2   URL length n           1 ≤ n ≤ 512 (u16)
///  91     n   relay URL              ASCII, §2.2
/// </code>
/// Integers are big-endian. The payload travels base64url-encoded in the link's fragment.
/// </summary>
internal static class PairingPayload
{
    public const byte Version = 0x01;
    public const int ChannelIdOffset = 1;
    public const int HostKeyOffset = 17;
    public const int PskOffset = 49;
    public const int ExpiryOffset = 81;
    public const int UrlLengthOffset = 89;

    /// <summary>Everything before the relay URL: 1 + 16 + 32 + 32 + 8 + 2.</summary>
    public const int FixedSize = 91;

    /// <summary>91 + the 512-byte URL limit: the largest payload a parser ever needs to look at.</summary>
    public const int MaxSize = FixedSize + RelayUrlGrammar.MaxLength;

    /// <summary>The part of a whole link between the relay URL and the <c>#</c>.</summary>
    public const string PathSuffix = "/pair";

    /// <summary>
    /// Parses a payload, checking §2.3 in order. When <paramref name="isWholeLink"/>, the base (the
    /// link's part before <c>#</c>) must be exactly the payload's relay URL + <c>/pair</c>.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<char> payload,
        bool isWholeLink,
        ReadOnlySpan<char> linkBase,
        DateTimeOffset now,
        out PairingLink? link,
        out PairingLinkError error)
    {
        link = null;
        if (!CanonicalBase64Url.IsCanonical(payload))
        {
            error = PairingLinkError.Encoding;
            return false;
        }

        // Only a bounded prefix is decoded: an over-long input is still classified by arithmetic on
        // its length (truncated or trailing), never by allocating for it.
        var length = CanonicalBase64Url.GetDecodedLength(payload.Length);
        Span<byte> bytes = stackalloc byte[MaxSize];
        try
        {
            var decoded = bytes[..Math.Min(length, MaxSize)];
            CanonicalBase64Url.DecodePrefix(payload, decoded);
            error = Check(decoded, length, isWholeLink, linkBase, now);
            if (error != PairingLinkError.None)
            {
                return false;
            }

            link = new PairingLink(
                Encoding.ASCII.GetString(decoded[FixedSize..]),
                decoded.Slice(ChannelIdOffset, PairingLink.ChannelIdSize).ToArray(),
                decoded.Slice(HostKeyOffset, PairingLink.PublicKeySize).ToArray(),
                new PairingSecret(decoded.Slice(PskOffset, PairingSecret.Size)),
                BinaryPrimitives.ReadUInt64BigEndian(decoded[ExpiryOffset..]));
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// The checks after the URL has been cut out, shared by the parser and <see cref="PairingLink.Create"/>
    /// so that an encoder refuses exactly what a parser refuses: relay-url, key, expired.
    /// </summary>
    public static PairingLinkError CheckFields(
        ReadOnlySpan<byte> relayUrl, ReadOnlySpan<byte> hostStaticKey, ReadOnlySpan<byte> psk, ulong expiry, DateTimeOffset now)
    {
        if (!RelayUrlGrammar.IsValid(relayUrl))
        {
            return PairingLinkError.RelayUrl;
        }

        if (IsAllZero(hostStaticKey) || IsAllZero(psk))
        {
            return PairingLinkError.Key;
        }

        return IsExpired(expiry, now) ? PairingLinkError.Expired : PairingLinkError.None;
    }

    /// <summary>Writes the payload of <paramref name="link"/> into <paramref name="destination"/>; returns its size.</summary>
    public static int Write(PairingLink link, Span<byte> destination)
    {
        var url = link.RelayUrl;
        destination[0] = Version;
        link.ChannelId.CopyTo(destination[ChannelIdOffset..]);
        link.HostStaticKey.CopyTo(destination[HostKeyOffset..]);
        link.Psk.AsSpan().CopyTo(destination[PskOffset..]);
        BinaryPrimitives.WriteUInt64BigEndian(destination[ExpiryOffset..], link.ExpiryUnixSeconds);
        BinaryPrimitives.WriteUInt16BigEndian(destination[UrlLengthOffset..], (ushort)url.Length);
        Encoding.ASCII.GetBytes(url, destination[FixedSize..]);
        return FixedSize + url.Length;
    }

    /// <summary>expiry ≤ now, in whole seconds (for an integer expiry, ≤ now ⇔ ≤ floor(now)).</summary>
    public static bool IsExpired(ulong expiry, DateTimeOffset now)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        return nowSeconds >= 0 && expiry <= (ulong)nowSeconds;
    }

    /// <summary>Reads every byte, so the time taken does not depend on where a key is non-zero.</summary>
    public static bool IsAllZero(ReadOnlySpan<byte> bytes)
    {
        var acc = 0;
        foreach (var b in bytes)
        {
            acc |= b;
        }

        return acc == 0;
    }

    private static PairingLinkError Check(
        ReadOnlySpan<byte> decoded, int length, bool isWholeLink, ReadOnlySpan<char> linkBase, DateTimeOffset now)
    {
        if (length == 0 || decoded[0] != Version)
        {
            return PairingLinkError.Version;
        }

        if (length < FixedSize)
        {
            return PairingLinkError.Truncated;
        }

        int urlLength = BinaryPrimitives.ReadUInt16BigEndian(decoded[UrlLengthOffset..]);
        if (length < FixedSize + urlLength)
        {
            return PairingLinkError.Truncated;
        }

        if (length > FixedSize + urlLength)
        {
            return PairingLinkError.Trailing;
        }

        // From here length == 91 + n; with n ≤ 512 the whole payload is in `decoded`.
        if (urlLength is 0 or > RelayUrlGrammar.MaxLength)
        {
            return PairingLinkError.RelayUrl;
        }

        var url = decoded[FixedSize..];
        if (!RelayUrlGrammar.IsValid(url))
        {
            return PairingLinkError.RelayUrl;
        }

        if (isWholeLink && !IsBaseOf(linkBase, url))
        {
            return PairingLinkError.Link;
        }

        return CheckFields(
            url,
            decoded.Slice(HostKeyOffset, PairingLink.PublicKeySize),
            decoded.Slice(PskOffset, PairingSecret.Size),
            BinaryPrimitives.ReadUInt64BigEndian(decoded[ExpiryOffset..]),
            now);
    }

    /// <summary>Whether <paramref name="linkBase"/> is exactly <c>&lt;url&gt;/pair</c>, compared byte for byte.</summary>
    private static bool IsBaseOf(ReadOnlySpan<char> linkBase, ReadOnlySpan<byte> url)
    {
        if (linkBase.Length != url.Length + PathSuffix.Length || !linkBase.EndsWith(PathSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < url.Length; i++)
        {
            if (linkBase[i] != url[i])
            {
                return false;
            }
        }

        return true;
    }
}
