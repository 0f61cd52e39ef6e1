using System.Security.Cryptography;
using System.Text;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Host.Devices;

/// <summary>
/// A device paired with a project, as <see cref="DeviceRegistry"/> keeps it. Immutable: the registry
/// replaces a device to change it. Holds public keys only.
/// </summary>
public sealed class PairedDevice
{
    /// <summary>Length in bytes of a device access public key (uncompressed P-256).</summary>
    public const int AccessPublicKeyLength = 65;

    private readonly byte[] _accessPublicKey;

    internal PairedDevice(string name, NoisePublicKey noiseKey, ReadOnlySpan<byte> accessPublicKey, DateTimeOffset pairedAt, DateTimeOffset? lastSeen, DateTimeOffset? revokedAt)
    {
        if (accessPublicKey.Length != AccessPublicKeyLength)
        {
            throw new ArgumentException($"An access public key is {AccessPublicKeyLength} bytes.", nameof(accessPublicKey));
        }

        Name = name;
        NoiseKey = noiseKey;
        _accessPublicKey = accessPublicKey.ToArray();
        AccessSubject = DeviceAccessKey.DeriveSubject(accessPublicKey);
        PairedAt = pairedAt;
        LastSeen = lastSeen;
        RevokedAt = revokedAt;
        Id = noiseKey.Fingerprint;
        Fingerprint = FormatFingerprint(Id);
    }

    /// <summary>16 hex characters: the first 8 bytes of SHA-256 over the Noise public key.</summary>
    public string Id { get; }

    /// <summary>The name shown in lists and prompts.</summary>
    public string Name { get; }

    /// <summary>The device's Noise static public key: what a session handshake is checked against.</summary>
    public NoisePublicKey NoiseKey { get; }

    /// <summary>The device's access public key (65 bytes), named by its certificate.</summary>
    public ReadOnlySpan<byte> AccessPublicKey => _accessPublicKey;

    /// <summary>The device's token subject at the relay, <c>SHA-256(access public key)[0..16)</c>.</summary>
    public RelayId AccessSubject { get; }

    /// <summary><see cref="Id"/> in groups of four for people to compare: <c>ab12 cd34 ef56 7890</c>.</summary>
    public string Fingerprint { get; }

    /// <summary>When the device was paired.</summary>
    public DateTimeOffset PairedAt { get; }

    /// <summary>When it last completed a session handshake, if ever.</summary>
    public DateTimeOffset? LastSeen { get; }

    /// <summary>When it was revoked; null while it is accepted.</summary>
    public DateTimeOffset? RevokedAt { get; }

    /// <summary>Whether the device was revoked (it stays listed, as a tombstone).</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Id and name; a device holds nothing secret, but the form matches the other key types.</summary>
    public override string ToString() => $"{nameof(PairedDevice)}({Fingerprint}, \"{Name}\"{(IsRevoked ? ", revoked" : "")})";

    internal PairedDevice WithName(string name) => new(name, NoiseKey, _accessPublicKey, PairedAt, LastSeen, RevokedAt);

    internal PairedDevice WithLastSeen(DateTimeOffset at) => new(Name, NoiseKey, _accessPublicKey, PairedAt, at, RevokedAt);

    internal PairedDevice WithRevokedAt(DateTimeOffset at) => new(Name, NoiseKey, _accessPublicKey, PairedAt, LastSeen, at);

    internal static string FormatFingerprint(string hex)
    {
        var grouped = new StringBuilder(hex.Length + (hex.Length / 4));
        for (var i = 0; i < hex.Length; i += 4)
        {
            grouped.Append(i == 0 ? "" : " ").Append(hex.AsSpan(i, Math.Min(4, hex.Length - i)));
        }

        return grouped.ToString();
    }

    internal bool HasSubject(ReadOnlySpan<byte> subject) =>
        subject.Length == RelayId.Length && CryptographicOperations.FixedTimeEquals(AccessSubject.ToArray(), subject);
}
