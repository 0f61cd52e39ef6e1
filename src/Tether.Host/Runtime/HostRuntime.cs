using Microsoft.Extensions.Logging;
using Tether.Client.Relay;
using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Client.Storage;
using Tether.Host.Agents;
using Tether.Host.Approvals;
using Tether.Host.Audit;
using Tether.Host.Devices;
using Tether.Host.Ipc;
using Tether.Protocol.Session;

namespace Tether.Host.Runtime;

/// <summary>
/// One running host (<c>tether run</c>): the project's relay connection as its channel's host, the
/// session with its paired devices (one active at a time, docs/protocol.md §9), the agent, the
/// approval broker, and the local socket for <c>tether status</c> and <c>tether devices revoke</c>.
/// </summary>
public sealed class HostRuntime : IAsyncDisposable, ISessionOutput
{
    private readonly HostRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly DeviceRegistry _registry;
    private readonly RelayClient _relay;
    private readonly ReliableChannel _channel;
    private readonly ApprovalBroker _approvals;
    private readonly SessionRules _rules;
    private readonly AuditLog _audit;
    private readonly IAgent _agent;
    private readonly CancellationTokenSource _stop = new();
    private readonly DateTimeOffset _started;
    private IpcServer? _ipc;
    private Task _receiving = Task.CompletedTask;
    private Task _watching = Task.CompletedTask;
    private volatile PairedDevice? _active;

    private HostRuntime(HostRuntimeOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Tether.Host");
        _started = options.Time.GetUtcNow();
        _registry = new DeviceRegistry(options.Root, options.Project.Id, options.Time);
        _relay = RelayClient.Start(new RelayClientOptions
        {
            RelayUrl = options.RelayUrl,
            Credential = RelayCredential.ForHost(options.Identity.ChannelKey),
            TimeProvider = options.Time,
            LoggerFactory = options.LoggerFactory,
        });
        _channel = ReliableChannel.ForHost(
            _relay,
            options.Identity.StaticKeys,
            _registry.IsAccepted,
            subject => _registry.IsRevokedSubject(subject.Span),
            new ReliableChannelOptions { OutageWindow = options.OutageWindow, TimeProvider = options.Time, LoggerFactory = options.LoggerFactory });
        _audit = AuditLog.Open(options.Root, options.Project.Id, options.Time);
        var security = options.LoggerFactory.CreateLogger("Tether.Security");
        _approvals = new ApprovalBroker(this, options.Time, security, options.ApprovalDeadline);
        _rules = new SessionRules(options.Time);
        var engine = new ApprovalEngine(_approvals, _rules, this, options.Project.Path, options.PermissionMode, new ApprovalAudit(_audit, () => _active?.Name, security));
        _agent = options.Agent?.Invoke(this, engine) ?? new EchoAgent(this, engine);
    }

    /// <summary>Whether a device holds the session now.</summary>
    public bool DeviceConnected => _active is not null && _channel.IsEstablished;

    /// <summary>The local socket's path.</summary>
    public string SocketPath => _ipc!.SocketPath;

    /// <summary>Starts the host; refuses when another host already runs for this project.</summary>
    /// <exception cref="HostAlreadyRunningException">Another host answers on this project's socket.</exception>
    public static async Task<HostRuntime> StartAsync(HostRuntimeOptions options)
    {
        var socket = options.SocketPath ?? RuntimeDirectory.SocketFor(options.Project.Id.Value);
        var directory = Path.GetDirectoryName(socket)!;
        SecureDirectory.Ensure(directory, directory);
        var runtime = new HostRuntime(options);
        try
        {
            runtime._ipc = await IpcServer.StartAsync(
                socket,
                runtime.AnswerAsync,
                options.LoggerFactory.CreateLogger("Tether.Security"),
                (uid, pid) => runtime.RecordSecurity("ipc.foreign_peer", $"refused a local connection from uid {uid} (pid {pid})")).ConfigureAwait(false);
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        runtime.Record(() => runtime._audit.SessionStart(runtime._agent.Name, options.RelayUrl.ToString(), Environment.ProcessId));
        runtime._receiving = Task.Run(runtime.ReceiveAsync);
        runtime._watching = Task.Run(runtime.WatchAsync);
        return runtime;
    }

    public async Task SendAsync(SessionMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.SendAsync(SessionMessages.Encode(message), cancellationToken).ConfigureAwait(false);
        }
        catch (SessionEndedException)
        {
            // Stopping: nobody is left to tell.
        }
    }

    /// <summary>Applies a change of the device list made by another process: revoked devices are dropped now.</summary>
    public async Task ApplyDeviceChangesAsync(CancellationToken cancellationToken)
    {
        foreach (var device in _registry.List().Where(d => d.IsRevoked))
        {
            await _channel.RevokeAsync(device.NoiseKey, device.AccessSubject.ToArray(), cancellationToken).ConfigureAwait(false);
            if (_active?.Id == device.Id)
            {
                _active = null;
            }
        }
    }

    /// <summary>What <c>tether status</c> shows.</summary>
    public HostStatus Status()
    {
        var active = DeviceConnected ? _active : null;
        return new HostStatus
        {
            Project = Path.GetFileName(_options.Project.Path),
            Path = _options.Project.Path,
            Pid = Environment.ProcessId,
            Started = _started,
            Agent = _agent.Name,
            State = _agent.State,
            Relay = _options.RelayUrl.ToString(),
            RelayConnected = _relay.IsConnected,
            Devices = [.. _registry.List().Where(d => !d.IsRevoked).Select(d => new DeviceStatus
            {
                Name = d.Name,
                Fingerprint = d.Fingerprint,
                Active = d.Id == active?.Id,
                LastSeen = d.LastSeen,
            })],
            Approvals = [.. _approvals.Pending.Select(r => new ApprovalStatus
            {
                Id = r.Id,
                Tool = r.Tool,
                Summary = r.Summary,
                Deadline = DateTimeOffset.FromUnixTimeMilliseconds(r.Deadline),
            })],
        };
    }

    public async ValueTask DisposeAsync()
    {
        // Deny first: nothing may be approved by a host on its way out (invariant 4).
        _approvals.Stop();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_ipc is not null)
        {
            await _ipc.DisposeAsync().ConfigureAwait(false);
        }

        await _agent.DisposeAsync().ConfigureAwait(false);
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _relay.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_receiving, _watching).ConfigureAwait(false);
        Record(() => _audit.SessionEnd("stopped"));
        _stop.Dispose();
    }

    private async Task<IpcResponse> AnswerAsync(IpcRequest request, CancellationToken cancellationToken)
    {
        switch (request.Op)
        {
            case "status":
                return IpcResponse.Success(Status());
            case "devices-changed":
                await ApplyDeviceChangesAsync(cancellationToken).ConfigureAwait(false);
                return IpcResponse.Success();
            default:
                return IpcResponse.Failure($"unknown op '{request.Op}': status or devices-changed");
        }
    }

    private async Task ReceiveAsync()
    {
        try
        {
            await foreach (var bytes in _channel.Messages.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (!SessionMessages.TryDecode(bytes, out var message))
                {
                    HostLog.MalformedMessage(_logger, bytes.Length);
                    await SendAsync(new NoticeMessage { Level = "warning", Text = "the host could not read that message; it was ignored" }, _stop.Token).ConfigureAwait(false);
                    continue;
                }

                if (message is ApprovalAnswerMessage answer)
                {
                    // Answers go to the broker, whatever the agent: it alone knows what is pending.
                    if (!_approvals.Answer(answer))
                    {
                        RecordSecurity("approval.answer_refused", $"an answer from {_active?.Name ?? "a device"} named no pending request or another input");
                        await SendAsync(new NoticeMessage { Level = "warning", Text = "that answer does not match a pending request (answered already, expired, or for another input); it decided nothing" }, _stop.Token).ConfigureAwait(false);
                    }

                    continue;
                }

                await _agent.HandleAsync(message!, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task WatchAsync()
    {
        try
        {
            await foreach (var change in _channel.Events.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                switch (change)
                {
                    case SessionEstablished established:
                        await OnDeviceConnectedAsync(established).ConfigureAwait(false);
                        break;
                    case SessionLost lost:
                        if (_active is { } left)
                        {
                            Record(() => _audit.DeviceDisconnect(left.Name, left.Fingerprint, lost.Why));
                        }

                        // Fail closed: the device that was asked can no longer answer (or the relay is gone).
                        _approvals.DenyPending("no-device", $"denied: the device disconnected before answering ({lost.Why})");
                        if (lost.Security)
                        {
                            RecordSecurity("session.dropped", $"a session was dropped after a failed check ({lost.Why})");
                        }

                        _options.Say(lost.Security
                            ? $"A device connection was dropped after a security check failed ({lost.Why}); see the log."
                            : $"{_active?.Name ?? "The device"} disconnected ({lost.Why}); its session waits {Describe(_options.OutageWindow)} for it.");
                        break;
                    case StreamEnded ended:
                        _options.Say(ended.Ending.Message);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task OnDeviceConnectedAsync(SessionEstablished established)
    {
        var device = _registry.FindByKey(established.PeerKey);
        if (device is not { IsRevoked: false })
        {
            // The channel accepted the key a moment ago; a revocation (or removal) in between wins.
            if (device is not null)
            {
                await _channel.RevokeAsync(device.NoiseKey, device.AccessSubject.ToArray(), _stop.Token).ConfigureAwait(false);
            }

            return;
        }

        _active = device;
        _registry.MarkSeen(device.NoiseKey);
        Record(() => _audit.DeviceConnect(device.Name, device.Fingerprint, established.Resumed ? "resumed" : "new session"));
        _options.Say(established.Resumed ? $"{device.Name} reconnected; the session resumed." : $"{device.Name} connected.");
        if (!established.Resumed)
        {
            await SendAsync(new SessionInfoMessage
            {
                Project = Path.GetFileName(_options.Project.Path),
                Host = _options.HostName,
                Agent = _agent.Name,
                Device = device.Name,
            }, _stop.Token).ConfigureAwait(false);
            await SendAsync(new AgentStateMessage { State = _agent.State }, _stop.Token).ConfigureAwait(false);
            await SendAsync(new SessionRulesMessage { Rules = _rules.Current }, _stop.Token).ConfigureAwait(false);
        }
    }

    private void RecordSecurity(string name, string detail) => Record(() => _audit.Security(name, detail));

    /// <summary>Appends to the audit log; a failure is logged loudly but does not stop the host (approvals fail closed on their own).</summary>
    private void Record(Func<long> append)
    {
        try
        {
            append();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KeyStoreException)
        {
            HostLog.AuditFailed(_logger, e);
        }
    }

    private static string Describe(TimeSpan window) =>
        window.TotalMinutes >= 1 ? $"{window.TotalMinutes:0} minutes" : $"{window.TotalSeconds:0} seconds";
}
