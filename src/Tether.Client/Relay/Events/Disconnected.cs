using Tether.Protocol.Relay;

namespace Tether.Client.Relay.Events;

/// <summary>
/// A connection, or an attempt at one, ended and the client will try again after <paramref name="RetryIn"/>.
/// Frames still queued for sending were dropped (counted in <see cref="RelayClientCounters.DroppedOnDisconnect"/>).
/// </summary>
/// <param name="Reason">The relay's close reason, or null when the connection failed or dropped without one.</param>
/// <param name="RetryIn">How long the client waits before the next attempt.</param>
/// <param name="CertificateRejected">The relay's TLS certificate failed validation (or did not match the pin).</param>
public sealed record Disconnected(RelayCloseReason? Reason, TimeSpan RetryIn, bool CertificateRejected = false) : RelayEvent;
