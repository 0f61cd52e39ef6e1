using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tether.Host.Agents;
using Tether.Protocol.Session;

namespace Tether.Host.Approvals;

/// <summary>
/// Asks the device to approve a tool call and waits, with a deadline, for an answer bound to that
/// exact request (invariant 4): its id and the SHA-256 of the input the device was shown. No device,
/// no answer in time, a host that is stopping: deny. An answer that names an unknown id or another
/// input is refused and logged as a security event; it decides nothing.
/// </summary>
public sealed class ApprovalBroker
{
    /// <summary>How long a person gets to answer before the request is denied (issue 5 makes it configurable).</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    private readonly ISessionOutput _output;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deadline;
    private readonly ILogger _security;
    private readonly ConcurrentDictionary<string, PendingApproval> _pending = new(StringComparer.Ordinal);
    private volatile bool _stopping;

    public ApprovalBroker(ISessionOutput output, TimeProvider time, ILogger security, TimeSpan? deadline = null)
    {
        _output = output;
        _time = time;
        _security = security;
        _deadline = deadline ?? DefaultDeadline;
    }

    /// <summary>Requests waiting now, oldest first (for <c>tether status</c>).</summary>
    public IReadOnlyList<ApprovalRequestMessage> Pending =>
        [.. _pending.Values.Select(p => p.Request).OrderBy(r => r.Deadline)];

    /// <summary>Asks the connected device; returns its decision, or a deny with the reason.</summary>
    /// <param name="id">The request's id, when the caller has already recorded it (the audit log); else a fresh one.</param>
    public async Task<ApprovalDecision> RequestAsync(string tool, JsonElement input, string summary, string cwd, CancellationToken cancellationToken, string? diff = null, string? id = null)
    {
        if (_stopping)
        {
            return new ApprovalDecision(false, "stopping", "denied: the host is stopping");
        }

        if (!_output.DeviceConnected)
        {
            return new ApprovalDecision(false, "no-device", "denied: no paired device is connected to approve it");
        }

        var canonical = SessionMessages.Canonical(input);
        var request = new ApprovalRequestMessage
        {
            Id = id ?? NewId(),
            Tool = tool,
            Input = canonical,
            InputSha256 = SessionMessages.HashInput(canonical),
            Summary = summary,
            Cwd = cwd,
            Deadline = (_time.GetUtcNow() + _deadline).ToUnixTimeMilliseconds(),
            Diff = diff,
        };
        var pending = new PendingApproval(request);
        _pending[request.Id] = pending;
        try
        {
            await _output.SendAsync(request, cancellationToken).ConfigureAwait(false);
            using var timer = _time.CreateTimer(
                _ => pending.Decision.TrySetResult(new ApprovalDecision(false, "timeout", $"denied: no answer within {_deadline.TotalSeconds:0} s")),
                null, _deadline, Timeout.InfiniteTimeSpan);
            using var cancelled = cancellationToken.Register(() => pending.Decision.TrySetResult(new ApprovalDecision(false, "stopping", "denied: the turn was interrupted")));
            var decision = await pending.Decision.Task.ConfigureAwait(false);
            await _output.SendAsync(new ApprovalResolvedMessage { Id = request.Id, Decision = decision.Allowed ? "allow" : "deny", By = decision.By, Reason = decision.Reason }, CancellationToken.None).ConfigureAwait(false);
            return decision;
        }
        finally
        {
            _pending.TryRemove(request.Id, out _);
        }
    }

    /// <summary>A fresh request id: 16 hex characters, unguessable, so an answer cannot be aimed at a request not yet made.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Applies a device's answer; false (and a security event) if it names no pending request or another input.</summary>
    public bool Answer(ApprovalAnswerMessage answer)
    {
        if (!_pending.TryGetValue(answer.Id, out var pending))
        {
            ApprovalLog.UnknownAnswer(_security);
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(answer.InputSha256), System.Text.Encoding.ASCII.GetBytes(pending.Request.InputSha256)))
        {
            ApprovalLog.WrongInputHash(_security, pending.Request.Tool);
            return false;
        }

        var allowed = answer.Decision == "allow";
        var reason = allowed ? "approved on the device" : $"denied on the device{(string.IsNullOrWhiteSpace(answer.Reason) ? string.Empty : ": " + answer.Reason)}";
        return pending.Decision.TrySetResult(new ApprovalDecision(allowed, "device", reason, allowed ? answer.Rule : null));
    }

    /// <summary>Denies everything pending now (the device that was asked is gone); later requests are asked as usual.</summary>
    public void DenyPending(string by, string reason)
    {
        foreach (var pending in _pending.Values)
        {
            pending.Decision.TrySetResult(new ApprovalDecision(false, by, reason));
        }
    }

    /// <summary>Denies everything pending and everything asked from now on: the host is stopping.</summary>
    public void Stop()
    {
        _stopping = true;
        foreach (var pending in _pending.Values)
        {
            pending.Decision.TrySetResult(new ApprovalDecision(false, "stopping", "denied: the host is stopping"));
        }
    }
}
