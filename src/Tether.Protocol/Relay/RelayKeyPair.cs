using System.Security.Cryptography;

namespace Tether.Protocol.Relay;

/// <summary>
/// The ECDSA P-256 key pair behind a <see cref="ChannelKey"/> or a <see cref="DeviceAccessKey"/>:
/// generation, PKCS#8 import and export for the key store, and signing. Never prints its key.
/// </summary>
internal sealed class RelayKeyPair : IDisposable
{
    private readonly ECDsa _key;

    private RelayKeyPair(ECDsa key)
    {
        _key = key;
        PublicKey = EcdsaP256.ExportPublicKey(key);
    }

    /// <summary>The 65-byte uncompressed public key.</summary>
    public byte[] PublicKey { get; }

    public static RelayKeyPair Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <exception cref="CryptographicException">The bytes are not a P-256 private key.</exception>
    public static RelayKeyPair ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out var read);
            if (read != pkcs8.Length || key.KeySize != 256)
            {
                throw new CryptographicException("The key is not a bare P-256 PKCS#8 private key.");
            }

            return new RelayKeyPair(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key as PKCS#8, for the key store; the caller zeroes it after writing.</summary>
    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    public byte[] Sign(ReadOnlySpan<byte> message) => EcdsaP256.Sign(_key, message);

    public void Dispose() => _key.Dispose();

    public override string ToString() => nameof(RelayKeyPair);
}
