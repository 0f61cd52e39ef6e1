using Microsoft.Extensions.Logging;
using Tether.Client.Tls;

namespace Tether.Client.Relay;

/// <summary>Everything a <see cref="RelayClient"/> needs; the defaults follow docs/protocol.md §7.</summary>
public sealed record RelayClientOptions
{
    /// <summary>The relay's base URL (<c>https://relay.example</c>; <c>http</c>, <c>ws</c> and <c>wss</c> work too); the client appends <c>/v1/channels/&lt;id&gt;</c>.</summary>
    public required Uri RelayUrl { get; init; }

    /// <summary>Who the client is; decides its role and channel.</summary>
    public required RelayCredential Credential { get; init; }

    /// <summary>A token saved from an earlier run (<see cref="RelayClient.Token"/>); used while it looks unexpired, a proof otherwise.</summary>
    public RelayToken? SavedToken { get; init; }

    /// <summary>
    /// SPKI SHA-256 pins of a self-hosted relay's certificate. Empty (the default): normal chain and
    /// host-name validation. Non-empty: the certificate must match one pin instead.
    /// </summary>
    public IReadOnlyList<RelayCertificatePin> PinnedCertificates { get; init; } = [];

    /// <summary>The reconnect schedule.</summary>
    public RelayBackoffOptions Backoff { get; init; } = new();

    /// <summary>
    /// 32 DATA frames, the relay's own per-connection queue (§7.6): enough to keep a link busy; beyond
    /// it <see cref="RelayClient.SendAsync"/> waits (backpressure) instead of buffering without bound.
    /// </summary>
    public int SendQueueCapacity { get; init; } = 32;

    /// <summary>
    /// 256 events not yet read: past that the client stops reading the socket, so the relay's queue
    /// for this connection fills and the peer's sends wait (a slow reader slows the sender).
    /// </summary>
    public int EventQueueCapacity { get; init; } = 256;

    /// <summary>10 s to open the TCP/TLS/WebSocket connection: a dead node behind a balancer should not hold a client for long.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>10 s from the WebSocket opening to WELCOME: the relay's own authentication deadline (§7.6).</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// 30 s between WebSocket pings, each answered within as long, as the relay does (§7.6): NATs forget
    /// idle flows after a minute or two, and a half-open connection is noticed within a minute.
    /// </summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>5 minutes: REFRESH when less than this is left on the token (§7.3).</summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock for backoff, refresh and token expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The jitter source; null for <see cref="Random.Shared"/>. Tests pin it.</summary>
    public Random? Random { get; init; }

    /// <summary>Where the client logs (never payloads or credentials); null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Every invalid value, described; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RelayUrl is null || !RelayUrl.IsAbsoluteUri || RelayUrl.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            errors.Add($"{nameof(RelayUrl)} must be an absolute http, https, ws or wss URL.");
        }

        if (Credential is null)
        {
            errors.Add($"{nameof(Credential)} is required.");
        }

        if (PinnedCertificates is null || PinnedCertificates.Any(p => p is null))
        {
            errors.Add($"{nameof(PinnedCertificates)} must be a list of pins (empty for normal validation).");
        }

        if (Backoff is null)
        {
            errors.Add($"{nameof(Backoff)} is required.");
        }
        else
        {
            errors.AddRange(Backoff.Validate());
        }

        AddIfNotPositive(errors, SendQueueCapacity, nameof(SendQueueCapacity));
        AddIfNotPositive(errors, EventQueueCapacity, nameof(EventQueueCapacity));
        AddIfNotPositive(errors, ConnectTimeout, nameof(ConnectTimeout));
        AddIfNotPositive(errors, HelloTimeout, nameof(HelloTimeout));
        AddIfNotPositive(errors, KeepAlive, nameof(KeepAlive));
        AddIfNotPositive(errors, RefreshBefore, nameof(RefreshBefore));
        if (TimeProvider is null)
        {
            errors.Add($"{nameof(TimeProvider)} is required.");
        }

        return errors;
    }

    private static void AddIfNotPositive(List<string> errors, int value, string name)
    {
        if (value <= 0)
        {
            errors.Add($"{name} must be positive, got {value}.");
        }
    }

    private static void AddIfNotPositive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive, got {value}.");
        }
    }
}
