using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Host.Projects;

/// <summary>
/// The host's keys for one project: the Noise static key pair devices pin, and the channel key that owns
/// the project's relay channel (docs/protocol.md §7.1). Owns both and zeroes them on <see cref="Dispose"/>.
/// </summary>
public sealed class HostIdentity : IDisposable
{
    internal HostIdentity(string projectPath, ProjectId projectId, DateTimeOffset createdAt, NoiseKeyPair staticKeys, ChannelKey channelKey)
    {
        ProjectPath = projectPath;
        ProjectId = projectId;
        CreatedAt = createdAt;
        StaticKeys = staticKeys;
        ChannelKey = channelKey;
    }

    /// <summary>The canonical project root the keys belong to.</summary>
    public string ProjectPath { get; }

    /// <summary>The project's id.</summary>
    public ProjectId ProjectId { get; }

    /// <summary>When the keys were created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The host's Noise static key pair (the responder's <c>s</c>).</summary>
    public NoiseKeyPair StaticKeys { get; }

    /// <summary>The key that owns the project's channel and signs device certificates.</summary>
    public ChannelKey ChannelKey { get; }

    /// <summary>The project's channel id.</summary>
    public RelayId ChannelId => ChannelKey.ChannelId;

    /// <summary>Zeroes both private keys.</summary>
    public void Dispose()
    {
        StaticKeys.Dispose();
        ChannelKey.Dispose();
    }

    /// <summary>Project, channel and static key fingerprint; never key material.</summary>
    public override string ToString() =>
        $"{nameof(HostIdentity)}({ProjectPath}, channel {ChannelId}, static {StaticKeys.PublicKey.Fingerprint})";
}
