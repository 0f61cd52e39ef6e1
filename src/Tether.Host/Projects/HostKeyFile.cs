namespace Tether.Host.Projects;

/// <summary><c>projects/&lt;id&gt;/host.json</c>, version 1. The private keys are why it is 0600.</summary>
internal sealed class HostKeyFile
{
    public const int CurrentVersion = 1;

    public required int Version { get; init; }

    /// <summary>The canonical project root, for people reading the store and as a check on load.</summary>
    public required string ProjectPath { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Noise X25519 static private key, 32 bytes.</summary>
    public required byte[] StaticPrivateKey { get; init; }

    /// <summary>The channel key (P-256), PKCS#8.</summary>
    public required byte[] ChannelKeyPkcs8 { get; init; }
}
