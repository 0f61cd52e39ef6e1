namespace Tether.Host.Sandbox.Egress;

/// <summary>What one session's egress proxy needs.</summary>
public sealed record EgressProxyOptions
{
    /// <summary>The unix socket to listen on, in an existing 0700 directory of ours; bind it into the sandbox.</summary>
    public required string SocketPath { get; init; }

    /// <summary>The session id written on every audit line.</summary>
    public required string SessionId { get; init; }

    public required EgressPolicy Policy { get; init; }

    /// <summary>The JSON-lines egress log (created 0600 if missing).</summary>
    public required string AuditLogPath { get; init; }

    /// <summary>Resolves allowed names; the system resolver when null.</summary>
    public IEgressResolver? Resolver { get; init; }

    /// <summary>Told about every refused connection (the host sends the device a warning notice); must not block.</summary>
    public Action<EgressDenial>? OnDenied { get; init; }

    /// <summary>A tunnel quiet both ways for this long is closed; <see cref="EgressLimits.IdleTimeout"/> by default.</summary>
    public TimeSpan IdleTimeout { get; init; } = EgressLimits.IdleTimeout;

    /// <summary>How long the client has to send its CONNECT head; <see cref="EgressLimits.RequestHeadDeadline"/> by default.</summary>
    public TimeSpan RequestHeadDeadline { get; init; } = EgressLimits.RequestHeadDeadline;

    /// <summary>
    /// The port dialled upstream. Always <see cref="EgressLimits.AllowedPort"/> in use; tests point it at a
    /// loopback TLS server, which cannot bind 443 without privileges.
    /// </summary>
    internal int UpstreamPort { get; init; } = EgressLimits.AllowedPort;

    /// <summary>Connections served at once; <see cref="EgressLimits.MaxConcurrentConnections"/> by default (tests lower it).</summary>
    internal int MaxConnections { get; init; } = EgressLimits.MaxConcurrentConnections;

    /// <summary>How long the client has to send its ClientHello after the 200; <see cref="EgressLimits.ClientHelloDeadline"/> by default.</summary>
    public TimeSpan ClientHelloDeadline { get; init; } = EgressLimits.ClientHelloDeadline;
}
