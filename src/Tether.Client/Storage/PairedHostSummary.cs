using Tether.Protocol.Relay;

namespace Tether.Client.Storage;

/// <summary>A paired host as <see cref="PairedHostStore.List"/> shows it: what a listing needs, without loading keys.</summary>
/// <param name="Id">The host id (<see cref="PairedHost.DeriveId"/>).</param>
/// <param name="HostName">The host's label.</param>
/// <param name="ChannelId">The project's channel.</param>
/// <param name="RelayUrl">The relay.</param>
/// <param name="PairedAt">When the pairing completed.</param>
public sealed record PairedHostSummary(string Id, string HostName, RelayId ChannelId, Uri RelayUrl, DateTimeOffset PairedAt);
