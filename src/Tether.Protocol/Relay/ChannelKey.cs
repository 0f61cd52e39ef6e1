using System.Security.Cryptography;

namespace Tether.Protocol.Relay;

/// <summary>
/// A host's key towards relays (docs/protocol.md §7.1): the channel id is derived from its public
/// half, it signs the host's HELLO and the certificates of paired devices. Not a Noise key: it
/// decides who may use a channel, never who may read it.
/// </summary>
public sealed class ChannelKey : IDisposable
{
    private readonly RelayKeyPair _pair;

    private ChannelKey(RelayKeyPair pair)
    {
        _pair = pair;
        ChannelId = DeriveChannelId(pair.PublicKey);
    }

    /// <summary>The channel this key owns.</summary>
    public RelayId ChannelId { get; }

    /// <summary>The 65-byte uncompressed public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _pair.PublicKey;

    /// <summary>A new random key (and so a new channel).</summary>
    public static ChannelKey Generate() => new(RelayKeyPair.Generate());

    /// <summary>Loads a key saved with <see cref="ExportPkcs8"/>.</summary>
    /// <exception cref="CryptographicException">The bytes are not a P-256 private key.</exception>
    public static ChannelKey ImportPkcs8(ReadOnlySpan<byte> pkcs8) => new(RelayKeyPair.ImportPkcs8(pkcs8));

    /// <summary><c>SHA-256("tether/1 channel" ‖ public key)[0..16)</c>.</summary>
    public static RelayId DeriveChannelId(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(RelayDomain.Concat(RelayDomain.Channel, publicKey.ToArray()), hash);
        return RelayId.Read(hash[..RelayId.Length]);
    }

    /// <summary>The private key as PKCS#8 for the key store; zero it after writing.</summary>
    public byte[] ExportPkcs8() => _pair.ExportPkcs8();

    /// <summary>The HELLO credential of kind <see cref="HelloKind.HostProof"/> for a CHALLENGE nonce.</summary>
    public byte[] CreateHostProof(ReadOnlySpan<byte> nonce) =>
        RelayDomain.Concat([], _pair.PublicKey, _pair.Sign(HelloSignature.Message(nonce, ChannelId, RelayRole.Host)));

    internal byte[] Sign(ReadOnlySpan<byte> message) => _pair.Sign(message);

    /// <inheritdoc />
    public void Dispose() => _pair.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{nameof(ChannelKey)}(channel {ChannelId})";
}
