using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// The sandbox's only way out: an HTTP CONNECT proxy on a unix socket that tunnels TLS to allowed names on
/// port 443 after checking the ClientHello's SNI and the resolved address. One per agent session.
/// </summary>
public sealed class EgressProxy : IAsyncDisposable
{
    /// <summary>The TCP port the sandbox launcher relays to <see cref="SocketPath"/> inside the sandbox (socat).</summary>
    public const int SandboxRelayPort = 3128;

    private readonly Socket _listener;
    private readonly EgressProxyOptions _options;
    private readonly IEgressResolver _resolver;
    private readonly EgressAuditLog _audit;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly HashSet<Task> _connections = [];
    private readonly Lock _gate = new();

    private EgressProxy(Socket listener, EgressProxyOptions options, EgressAuditLog audit, ILogger logger)
    {
        _listener = listener;
        _options = options;
        _resolver = options.Resolver ?? new DnsEgressResolver();
        _audit = audit;
        _logger = logger;
        _accepting = AcceptAsync();
    }

    /// <summary>The socket it listens on.</summary>
    public string SocketPath => _options.SocketPath;

    /// <summary>The environment the agent needs inside the sandbox, given the relay on <see cref="SandboxRelayPort"/>.</summary>
    /// <remarks>NO_PROXY keeps the credential injector's loopback relay off the proxy.</remarks>
    public static IReadOnlyDictionary<string, string> SandboxEnvironment { get; } = new Dictionary<string, string>
    {
        ["HTTPS_PROXY"] = $"http://127.0.0.1:{SandboxRelayPort}",
        ["https_proxy"] = $"http://127.0.0.1:{SandboxRelayPort}",
        ["HTTP_PROXY"] = $"http://127.0.0.1:{SandboxRelayPort}",
        ["http_proxy"] = $"http://127.0.0.1:{SandboxRelayPort}",
        ["NO_PROXY"] = "127.0.0.1,localhost",
        ["no_proxy"] = "127.0.0.1,localhost",
    };

    /// <summary>Binds <see cref="EgressProxyOptions.SocketPath"/> (0600) and starts accepting.</summary>
    /// <exception cref="ArgumentException">The socket path is too long or its directory missing.</exception>
    /// <exception cref="Client.Storage.InsecurePermissionsException">The socket's directory or the audit log is open to others.</exception>
    public static EgressProxy Start(EgressProxyOptions options, ILogger<EgressProxy>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var audit = new EgressAuditLog(options.AuditLogPath);
        var listener = PrivateUnixSocket.Listen(options.SocketPath, EgressLimits.MaxConcurrentConnections);
        return new EgressProxy(listener, options, audit, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>Stops accepting, ends every tunnel and removes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        PrivateUnixSocket.Remove(_options.SocketPath);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_gate)
            {
                if (_connections.Count >= _options.MaxConnections)
                {
                    // Refused without a read: the agent sees a reset, the audit log the reason.
                    client.Dispose();
                    new EgressAttempt(_options, _audit, _logger).Deny(EgressReasons.TooManyConnections);
                    continue;
                }

                var task = ServeAsync(client);
                _connections.Add(task);
                _ = task.ContinueWith(t => { lock (_gate) { _connections.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        using (client)
        {
            try
            {
                await new EgressConnection(client, _options, _resolver, new EgressAttempt(_options, _audit, _logger)).RunAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                EgressLog.ConnectionFailed(_logger, e);
            }
        }
    }
}
