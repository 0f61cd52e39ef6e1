using System.Security.Cryptography;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Storage;

/// <summary>
/// What a device (the terminal client) keeps about one host it paired with: its own keys for that host,
/// the host's pinned static key, and where to reach it. Owns its keys and zeroes them on <see cref="Dispose"/>.
/// </summary>
public sealed class PairedHost : IDisposable
{
    /// <summary>Hex characters in a host id: 8 bytes of hash, enough to tell a user's hosts apart.</summary>
    public const int IdLength = 16;

    /// <summary>Creates the record of a pairing; takes ownership of <paramref name="deviceKeys"/> and <paramref name="accessKey"/>.</summary>
    /// <exception cref="ArgumentException">The certificate names another access key.</exception>
    public PairedHost(
        string hostName,
        NoiseKeyPair deviceKeys,
        DeviceAccessKey accessKey,
        NoisePublicKey hostStaticKey,
        Uri relayUrl,
        DeviceCertificate certificate,
        DateTimeOffset pairedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        ArgumentNullException.ThrowIfNull(deviceKeys);
        ArgumentNullException.ThrowIfNull(accessKey);
        ArgumentNullException.ThrowIfNull(hostStaticKey);
        ArgumentNullException.ThrowIfNull(relayUrl);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.AccessPublicKey.SequenceEqual(accessKey.PublicKey))
        {
            throw new ArgumentException("The certificate names another access key.", nameof(certificate));
        }

        HostName = hostName;
        DeviceKeys = deviceKeys;
        AccessKey = accessKey;
        HostStaticKey = hostStaticKey;
        RelayUrl = relayUrl;
        Certificate = certificate;
        PairedAt = pairedAt;
        Id = DeriveId(hostStaticKey, ChannelId);
    }

    /// <summary>The host's id in this store: <see cref="DeriveId"/>.</summary>
    public string Id { get; }

    /// <summary>The host's label, e.g. "myproject on workstation".</summary>
    public string HostName { get; }

    /// <summary>This device's Noise static key pair towards this host.</summary>
    public NoiseKeyPair DeviceKeys { get; }

    /// <summary>This device's access key towards the relay.</summary>
    public DeviceAccessKey AccessKey { get; }

    /// <summary>The host's Noise static public key, pinned at pairing.</summary>
    public NoisePublicKey HostStaticKey { get; }

    /// <summary>The project's channel (the one the certificate names).</summary>
    public RelayId ChannelId => Certificate.ChannelId;

    /// <summary>The relay the host is reached through.</summary>
    public Uri RelayUrl { get; }

    /// <summary>The certificate the host issued for <see cref="AccessKey"/>.</summary>
    public DeviceCertificate Certificate { get; }

    /// <summary>When the pairing completed.</summary>
    public DateTimeOffset PairedAt { get; }

    /// <summary><c>hex(SHA-256(host static public key ‖ channel id)[0..8))</c>: stable for a host and project, and not secret.</summary>
    public static string DeriveId(NoisePublicKey hostStaticKey, RelayId channelId)
    {
        ArgumentNullException.ThrowIfNull(hostStaticKey);
        Span<byte> input = stackalloc byte[NoiseLimits.DhLength + RelayId.Length];
        hostStaticKey.Span.CopyTo(input);
        channelId.WriteTo(input[NoiseLimits.DhLength..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return Convert.ToHexStringLower(hash[..(IdLength / 2)]);
    }

    /// <summary>Whether <paramref name="id"/> has the form of a host id (so it is safe as a file name).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: IdLength } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Zeroes both private keys.</summary>
    public void Dispose()
    {
        DeviceKeys.Dispose();
        AccessKey.Dispose();
    }

    /// <summary>Id, name and channel; never key material.</summary>
    public override string ToString() => $"{nameof(PairedHost)}({Id}, \"{HostName}\", channel {ChannelId})";
}
