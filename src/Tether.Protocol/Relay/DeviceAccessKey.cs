using System.Security.Cryptography;

namespace Tether.Protocol.Relay;

/// <summary>
/// A device's own key towards relays (docs/protocol.md §7.1): its certificate names the public half,
/// and the device proves it holds the private half by signing each relay's CHALLENGE.
/// </summary>
public sealed class DeviceAccessKey : IDisposable
{
    private readonly RelayKeyPair _pair;

    private DeviceAccessKey(RelayKeyPair pair)
    {
        _pair = pair;
        Subject = DeriveSubject(pair.PublicKey);
    }

    /// <summary>The token subject for this device: <c>SHA-256(public key)[0..16)</c>.</summary>
    public RelayId Subject { get; }

    /// <summary>The 65-byte uncompressed public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _pair.PublicKey;

    /// <summary>A new random key.</summary>
    public static DeviceAccessKey Generate() => new(RelayKeyPair.Generate());

    /// <summary>Loads a key saved with <see cref="ExportPkcs8"/>.</summary>
    /// <exception cref="CryptographicException">The bytes are not a P-256 private key.</exception>
    public static DeviceAccessKey ImportPkcs8(ReadOnlySpan<byte> pkcs8) => new(RelayKeyPair.ImportPkcs8(pkcs8));

    /// <summary>The subject a device with this public key has in tokens and presence frames.</summary>
    public static RelayId DeriveSubject(ReadOnlySpan<byte> publicKey) =>
        RelayId.Read(SHA256.HashData(publicKey).AsSpan(0, RelayId.Length));

    /// <summary>The private key as PKCS#8 for the key store; zero it after writing.</summary>
    public byte[] ExportPkcs8() => _pair.ExportPkcs8();

    /// <summary>The HELLO credential of kind <see cref="HelloKind.DeviceProof"/> for a CHALLENGE nonce.</summary>
    public byte[] CreateDeviceProof(DeviceCertificate certificate, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.AccessPublicKey.SequenceEqual(_pair.PublicKey))
        {
            throw new ArgumentException("The certificate names another access key.", nameof(certificate));
        }

        return RelayDomain.Concat([], certificate.ToArray(), _pair.Sign(HelloSignature.Message(nonce, certificate.ChannelId, RelayRole.Device)));
    }

    /// <inheritdoc />
    public void Dispose() => _pair.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{nameof(DeviceAccessKey)}(subject {Subject})";
}
