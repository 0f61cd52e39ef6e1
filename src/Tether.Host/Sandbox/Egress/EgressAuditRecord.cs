namespace Tether.Host.Sandbox.Egress;

/// <summary>One line of the egress audit log: one connection attempt, written when it is decided (denials) or ends (tunnels).</summary>
internal sealed record EgressAuditRecord
{
    /// <summary>UTC, ISO 8601 with milliseconds, as in the audit log (<see cref="Audit.AuditLine.TimeFormat"/>).</summary>
    public required string Time { get; init; }

    public required string Session { get; init; }

    /// <summary>The host as the client named it (canonical when it could be canonicalized).</summary>
    public required string Host { get; init; }

    public required int Port { get; init; }

    public string? Sni { get; init; }

    /// <summary>The address dialled, or the refused address that caused a denial.</summary>
    public string? Address { get; init; }

    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>Why it was denied or how an allowed tunnel ended (see <c>docs/security.md</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>Bytes from the agent to the upstream, including the ClientHello.</summary>
    public long BytesUp { get; init; }

    public long BytesDown { get; init; }

    public long DurationMs { get; init; }
}
