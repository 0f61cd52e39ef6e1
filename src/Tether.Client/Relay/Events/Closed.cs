using Tether.Protocol.Relay;

namespace Tether.Client.Relay.Events;

/// <summary>
/// The client stopped for good: it was disposed (<see cref="RelayCloseReason.Normal"/>) or the relay
/// gave a terminal reason (see <see cref="RelayCloseClassifier"/>). The last event of the stream.
/// </summary>
/// <param name="Reason">Why; null when a pairing connection dropped without a reason after its one-time code was spent.</param>
public sealed record Closed(RelayCloseReason? Reason) : RelayEvent;
