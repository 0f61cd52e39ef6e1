namespace Tether.Client.Storage;

/// <summary>
/// <c>device/hosts/&lt;host-id&gt;.json</c>, version 1. Keys are base64 (System.Text.Json's form for
/// byte arrays); the two private keys are the reason the file is 0600. Older builds also wrote a
/// <c>last_stream_id</c>; it is no longer written and is ignored when read (<see cref="StorageJsonContext"/>
/// does not disallow unknown members), so those files still load.
/// </summary>
internal sealed class PairedHostFile
{
    public const int CurrentVersion = 1;

    public required int Version { get; init; }

    public required string HostName { get; init; }

    /// <summary>The device's X25519 private key, 32 bytes.</summary>
    public required byte[] DeviceNoisePrivateKey { get; init; }

    /// <summary>The device's P-256 access key, PKCS#8.</summary>
    public required byte[] AccessKeyPkcs8 { get; init; }

    public required byte[] HostStaticPublicKey { get; init; }

    /// <summary>32 lowercase hex characters, as everywhere else.</summary>
    public required string ChannelId { get; init; }

    public required string RelayUrl { get; init; }

    public required byte[] Certificate { get; init; }

    public required DateTimeOffset PairedAt { get; init; }
}
