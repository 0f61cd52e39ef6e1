using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>A host's credential: a signature over the CHALLENGE by the channel key (HELLO kind 2).</summary>
internal sealed class HostCredential : RelayCredential
{
    private readonly ChannelKey _key;

    public HostCredential(ChannelKey key)
        : base(RelayRole.Host, (key ?? throw new ArgumentNullException(nameof(key))).ChannelId)
    {
        _key = key;
    }

    internal override byte[] CreateHello(ReadOnlySpan<byte> nonce) =>
        RelayFrames.Hello(RelayRole.Host, HelloKind.HostProof, _key.CreateHostProof(nonce));
}
