namespace Tether.Client.Sessions.Events;

/// <summary>
/// The session was dropped (its connection ended, the peer left, or a record or handshake failed); the
/// stream lives on and resumes with the next session unless the outage window runs out. On the host
/// this is "the device left".
/// </summary>
/// <param name="PeerId">The relay peer id of the session (0 on a device).</param>
/// <param name="Why">A short reason code for logs (never message contents).</param>
/// <param name="Security">Whether a security event dropped it (logged under <c>Tether.Security</c>).</param>
public sealed record SessionLost(uint PeerId, string Why, bool Security) : SessionEvent;
