using Tether.Protocol.Relay;

namespace Tether.Relay;

/// <summary>
/// Every limit the relay enforces (docs/protocol.md §7.6), with the reason for its value. The
/// defaults are the protocol's; tests and benchmarks tune them with <c>with</c>, the CLI with
/// <c>--limit name=value</c>.
/// </summary>
public sealed record RelayLimits
{
    /// <summary>
    /// 65,540 bytes: one Noise message plus DATA's header. Fixed by the wire format, so not tunable;
    /// checked before anything is allocated for the frame.
    /// </summary>
    public const int MaxFrame = RelayFrames.MaxFrame;

    /// <summary>512 bytes: the largest credential is 283 bytes; nothing bigger is read before authentication.</summary>
    public const int MaxHello = RelayFrames.MaxHello;

    /// <summary>10 s: a connection that has not said who it is holds memory for nothing.</summary>
    public TimeSpan AuthTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// 32 frames: enough to keep a link busy. Beyond it the sender's read loop waits (backpressure
    /// reaches the sender through TCP); frames are never dropped silently.
    /// </summary>
    public int QueueFrames { get; init; } = 32;

    /// <summary>5 s: a peer whose queue stays full that long is disconnected with <c>slow-consumer</c>.</summary>
    public TimeSpan SlowConsumerTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64 concurrent connections per address: one address does not starve others; a browser tab needs one.</summary>
    public int ConnectionsPerAddress { get; init; } = 64;

    /// <summary>10 new connections per second per address, refilled continuously: floods do not pass.</summary>
    public double ConnectsPerSecond { get; init; } = 10;

    /// <summary>A burst of 30 new connections per address: reconnect storms (a relay restart) pass.</summary>
    public int ConnectBurst { get; init; } = 30;

    /// <summary>16 devices per channel: a person has a handful of devices.</summary>
    public int DevicesPerChannel { get; init; } = 16;

    /// <summary>4 pairing connections per channel, as many as there can be open pairing slots.</summary>
    public int PairingPerChannel { get; init; } = 4;

    /// <summary>4 open pairing slots per channel: a host shows one link at a time; a few spare for retries.</summary>
    public int PairingSlotsPerChannel { get; init; } = 4;

    /// <summary>10 minutes: a pairing link expires after that (docs/protocol.md §2), so its slot may not outlive it.</summary>
    public TimeSpan PairingSlotLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>10 minutes: a pairing handshake takes seconds; a pairing connection is no way to hold a channel.</summary>
    public TimeSpan PairingConnectionLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>1 minute between REFRESHes: a client needs one every ten minutes; faster is a bug or abuse (ignored, counted).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>30 s between pings: NATs forget idle flows after a minute or two.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>30 s to answer a ping: a peer that is gone is noticed within a minute.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// 5 s for the close handshake: after the relay sent its close frame, a client that does not
    /// answer is aborted so that its socket does not linger.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// 1 s between sweeps: one timer for the whole relay checks deadlines (authentication, token
    /// expiry, pairing lifetime, slow consumers, close handshakes), so an idle connection holds no timer.
    /// Every deadline is thus enforced within this much of its time.
    /// </summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// 5 s: RESTARTING tells each client to reconnect after a random delay below this, so that a
    /// restart does not become a reconnect storm on the next node.
    /// </summary>
    public TimeSpan RestartSpread { get; init; } = TimeSpan.FromSeconds(5);
}
