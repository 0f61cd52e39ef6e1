using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// Which endings stop a <see cref="RelayClient"/> for good, and which it reconnects after.
/// </summary>
/// <remarks>
/// Terminal, whatever the role:
/// <list type="bullet">
/// <item><c>auth-failed</c> after a proof: the channel key, certificate or access key is not accepted;
/// retrying with the same proof gets the same answer. After a saved token it is not terminal: the token
/// is dropped and the client retries at once with a proof.</item>
/// <item><c>revoked</c>: the host kicked this device; it must not come back by itself.</item>
/// <item><c>superseded</c>: another host process took the channel. Reconnecting would take it back,
/// and the two would fight for ever (DERP's "fighters").</item>
/// <item><c>protocol-error</c> and <c>frame-too-large</c>: the relay says our frames are wrong; a
/// retry sends the same frames. A human has to upgrade one side.</item>
/// </list>
/// A pairing connection is also over once its one-time code was sent, however it ended. Everything
/// else (<c>restarting</c>, <c>auth-timeout</c>, <c>slow-consumer</c>, <c>rate-limited</c>,
/// <c>channel-full</c>, <c>token-expired</c>, a close without one of our codes, a dropped TCP
/// connection, a relay that cannot be reached) is retried with backoff.
/// </remarks>
internal static class RelayCloseClassifier
{
    /// <summary>Whether the client stops after a connection that ended with <paramref name="reason"/>.</summary>
    public static bool IsTerminal(RelayCloseReason? reason) =>
        reason is RelayCloseReason.AuthFailed or RelayCloseReason.Revoked or RelayCloseReason.Superseded
            or RelayCloseReason.ProtocolError or RelayCloseReason.FrameTooLarge;
}
