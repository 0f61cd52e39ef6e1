using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Tether.Protocol.Relay;

namespace Tether.Relay;

/// <summary>How to run a relay (<see cref="RelayServer.StartAsync"/>).</summary>
public sealed record RelayOptions
{
    /// <summary>
    /// Where to listen; port 0 picks a free port (see <see cref="RelayServer.Urls"/>). An <c>https</c>
    /// URL takes its certificate from Kestrel's standard settings in <see cref="Configuration"/>
    /// (<c>Kestrel:Certificates:Default:Path</c> and <c>:Password</c>).
    /// </summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:0"];

    /// <summary>The HMAC keys for connect tokens; the first signs, all verify. Required.</summary>
    public required IReadOnlyList<RelayTokenKey> TokenKeys { get; init; }

    /// <summary>Token lifetimes and clock skew.</summary>
    public ConnectTokenOptions Tokens { get; init; } = new();

    /// <summary>Limits and deadlines.</summary>
    public RelayLimits Limits { get; init; } = new();

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c> is believed. From anyone else the
    /// header is ignored and the socket's address counts.
    /// </summary>
    public IReadOnlyList<IPAddress> TrustedProxies { get; init; } = [];

    /// <summary>
    /// The web client's files. Null: <c>web/dist</c> under the current directory when it exists,
    /// otherwise a built-in placeholder page.
    /// </summary>
    public string? StaticFilesRoot { get; init; }

    /// <summary>The clock for tokens, certificates and every deadline.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Extra host configuration, such as Kestrel's certificate settings. Null: none, so an embedded
    /// relay reads no environment variables or files of its host process. The CLI passes environment
    /// variables and <c>appsettings.json</c>.
    /// </summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>Where the relay logs. Null: nowhere.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}
