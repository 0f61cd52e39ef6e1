using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Host.Sandbox.Egress;

namespace Tether.Host.Sandbox.Credentials;

/// <summary>
/// The sandboxed agent's ANTHROPIC_BASE_URL: an HTTP endpoint on a unix socket that swaps the session's
/// placeholder key for the real one and forwards Messages API calls to the pinned origin. The agent never
/// holds the real key, so nothing it runs can leak it. One per agent session.
/// </summary>
public sealed class CredentialInjector : IAsyncDisposable
{
    /// <summary>The TCP port the sandbox launcher relays to <see cref="SocketPath"/> inside the sandbox (socat).</summary>
    public const int SandboxRelayPort = 8787;

    private readonly WebApplication _app;
    private readonly ApiKey _key;
    private readonly HttpMessageInvoker _upstream;
    private readonly string _socketPath;

    private CredentialInjector(WebApplication app, ApiKey key, HttpMessageInvoker upstream, string socketPath)
    {
        _app = app;
        _key = key;
        _upstream = upstream;
        _socketPath = socketPath;
    }

    /// <summary>The socket it listens on.</summary>
    public string SocketPath => _socketPath;

    /// <summary>The environment the agent needs inside the sandbox, given the relay on <see cref="SandboxRelayPort"/>.</summary>
    /// <remarks>ANTHROPIC_AUTH_TOKEN must stay unset: the launcher clears the environment.</remarks>
    public static IReadOnlyDictionary<string, string> SandboxEnvironment(SessionPlaceholder placeholder)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        return new Dictionary<string, string>
        {
            ["ANTHROPIC_BASE_URL"] = $"http://127.0.0.1:{SandboxRelayPort}",
            ["ANTHROPIC_API_KEY"] = placeholder.Value,
        };
    }

    /// <summary>Reads the real key from <see cref="CredentialInjectorOptions.KeyVariable"/>, binds the socket (0600) and starts serving.</summary>
    /// <exception cref="ArgumentException">The options are not valid, or the socket path is too long or its directory missing.</exception>
    /// <exception cref="InvalidOperationException">The key variable is not set.</exception>
    public static async Task<CredentialInjector> StartAsync(CredentialInjectorOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException("The credential injector options are not valid: " + string.Join("; ", errors), nameof(options));
        }

        PrivateUnixSocket.Prepare(options.SocketPath);
        var key = ApiKey.FromEnvironment(options.KeyVariable);
        var upstream = new HttpMessageInvoker(new SocketsHttpHandler
        {
            // Pinned: no redirect may take the key elsewhere, no proxy variable may route it, no cookie jar.
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = InjectorLimits.UpstreamConnectTimeout,
        });

        // The empty builder reads no configuration (no ASPNETCORE_URLS, no appsettings): the socket is the only endpoint.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = InjectorLimits.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = InjectorLimits.MaxConcurrentConnections;
            kestrel.ListenUnixSocket(options.SocketPath);
        });
        var app = builder.Build();
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<CredentialInjector>();
        var forwarder = new CredentialForwarder(options, key, upstream, logger);
        app.Run(forwarder.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            PrivateUnixSocket.Restrict(options.SocketPath);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            upstream.Dispose();
            key.Dispose();
            throw;
        }

        return new CredentialInjector(app, key, upstream, options.SocketPath);
    }

    /// <summary>Stops serving, zeroes the key and removes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
        _key.Dispose();
        PrivateUnixSocket.Remove(_socketPath);
    }
}
