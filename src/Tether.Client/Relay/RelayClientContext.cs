using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>What the parts of one <see cref="RelayClient"/> share: its options, who it is, its token, counters and log.</summary>
internal sealed class RelayClientContext
{
    public RelayClientContext(RelayClientOptions options)
    {
        Options = options;
        Credential = options.Credential;
        Log = options.LoggerFactory?.CreateLogger<RelayClient>() ?? NullLogger<RelayClient>.Instance;
        ChannelLabel = Credential.Channel.ToString()[..8];
        Token = new RelayTokenSlot(Credential.Role == RelayRole.Pairing ? null : options.SavedToken);
    }

    public RelayClientOptions Options { get; }

    public RelayCredential Credential { get; }

    public RelayRole Role => Credential.Role;

    /// <summary>The first 8 hex characters of the channel id: enough to tell channels apart in logs.</summary>
    public string ChannelLabel { get; }

    public RelayTokenSlot Token { get; }

    public RelayClientCounters Counters { get; } = new();

    public ILogger Log { get; }
}
