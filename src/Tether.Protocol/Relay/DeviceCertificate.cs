using System.Buffers.Binary;

namespace Tether.Protocol.Relay;

/// <summary>
/// The host's statement "this access key may connect to my channel as a device until not-after"
/// (docs/protocol.md §7.1), signed with the channel key and handed to the device at pairing.
/// </summary>
/// <remarks>
/// Layout (219 bytes): version (1) | channel id (16) | access public key (65) | not-after (u64) |
/// channel public key (65) | signature (64) over "tether/1 device-cert" ‖ bytes 0..155.
/// </remarks>
public sealed class DeviceCertificate
{
    /// <summary>Bytes on the wire.</summary>
    public const int Length = 1 + RelayId.Length + EcdsaP256.PublicKeyLength + 8 + EcdsaP256.PublicKeyLength + EcdsaP256.SignatureLength;

    /// <summary>90 days: long enough that a phone left in a drawer still connects, short enough that a lost one lapses.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    private const byte Version = 1;
    private const int AccessKeyOffset = 1 + RelayId.Length;
    private const int NotAfterOffset = AccessKeyOffset + EcdsaP256.PublicKeyLength;
    private const int ChannelKeyOffset = NotAfterOffset + 8;
    private const int SignatureOffset = ChannelKeyOffset + EcdsaP256.PublicKeyLength;

    private readonly byte[] _bytes;

    private DeviceCertificate(byte[] bytes)
    {
        _bytes = bytes;
        ChannelId = RelayId.Read(bytes.AsSpan(1, RelayId.Length));
        NotAfter = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(NotAfterOffset));
        Subject = DeviceAccessKey.DeriveSubject(AccessPublicKey);
    }

    /// <summary>The channel the device may use.</summary>
    public RelayId ChannelId { get; }

    /// <summary>Unix seconds after which the certificate is void.</summary>
    public ulong NotAfter { get; }

    /// <summary>The device's token subject, derived from its access key.</summary>
    public RelayId Subject { get; }

    /// <summary>The device's access public key.</summary>
    public ReadOnlySpan<byte> AccessPublicKey => _bytes.AsSpan(AccessKeyOffset, EcdsaP256.PublicKeyLength);

    /// <summary>The issuing host's channel public key.</summary>
    public ReadOnlySpan<byte> ChannelPublicKey => _bytes.AsSpan(ChannelKeyOffset, EcdsaP256.PublicKeyLength);

    /// <summary>Signs a certificate for a device's access key.</summary>
    /// <exception cref="ArgumentOutOfRangeException">not-after is not in the future or beyond <see cref="MaxLifetime"/>.</exception>
    public static DeviceCertificate Issue(ChannelKey issuer, ReadOnlySpan<byte> accessPublicKey, DateTimeOffset notAfter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (accessPublicKey.Length != EcdsaP256.PublicKeyLength)
        {
            throw new ArgumentException($"An access public key is {EcdsaP256.PublicKeyLength} bytes.", nameof(accessPublicKey));
        }

        if (notAfter <= now || notAfter - now > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(notAfter), notAfter, $"A certificate lives between now and {MaxLifetime.TotalDays} days.");
        }

        var bytes = new byte[Length];
        bytes[0] = Version;
        issuer.ChannelId.WriteTo(bytes.AsSpan(1));
        accessPublicKey.CopyTo(bytes.AsSpan(AccessKeyOffset));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(NotAfterOffset), (ulong)notAfter.ToUnixTimeSeconds());
        issuer.PublicKey.CopyTo(bytes.AsSpan(ChannelKeyOffset));
        issuer.Sign(SignedPart(bytes)).CopyTo(bytes.AsSpan(SignatureOffset));
        return new DeviceCertificate(bytes);
    }

    /// <summary>
    /// Parses and checks a certificate from untrusted bytes: its layout, that its channel id derives
    /// from its channel public key, and its signature. Expiry is the caller's check (it needs a clock).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out DeviceCertificate? certificate)
    {
        certificate = null;
        if (bytes.Length != Length || bytes[0] != Version)
        {
            return false;
        }

        var candidate = new DeviceCertificate(bytes.ToArray());
        if (ChannelKey.DeriveChannelId(candidate.ChannelPublicKey) != candidate.ChannelId
            || !EcdsaP256.Verify(candidate.ChannelPublicKey, SignedPart(candidate._bytes), candidate._bytes.AsSpan(SignatureOffset)))
        {
            return false;
        }

        certificate = candidate;
        return true;
    }

    /// <summary>Whether the certificate has lapsed at <paramref name="now"/>, allowing <paramref name="skew"/>.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan skew) =>
        (long)NotAfter + (long)skew.TotalSeconds <= now.ToUnixTimeSeconds();

    /// <summary>The 219 bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <inheritdoc />
    public override string ToString() => $"{nameof(DeviceCertificate)}(channel {ChannelId}, subject {Subject}, not-after {NotAfter})";

    private static byte[] SignedPart(byte[] bytes) => RelayDomain.Concat(RelayDomain.DeviceCertificate, bytes[..SignatureOffset]);
}
