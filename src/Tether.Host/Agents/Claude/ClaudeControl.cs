using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// The control protocol of one Claude process (reference §2). Every <c>control_request</c> is answered:
/// <c>can_use_tool</c> by the approver, concurrently with reading, matched by request id; anything else
/// with an error so that nothing in Claude waits. <c>control_cancel_request</c> cancels the approver's
/// token, and from then on that request is never answered. Responses to our own requests are matched.
/// </summary>
internal sealed class ClaudeControl
{
    // An approver that ignores its token must not hold the host's shutdown for ever.
    private static readonly TimeSpan HandlerDrainTimeout = TimeSpan.FromSeconds(3);

    private readonly StreamJsonWriter _input;
    private readonly Func<ToolPermissionRequest, CancellationToken, Task<ToolPermissionDecision>> _approve;
    private readonly string _permissionMode;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<Task> _pendingChanged;

    // A request is pending while it is in here; whoever removes it decides: the approver's handler
    // (it answers) or a cancellation (nobody answers). That single removal is what makes a late answer
    // impossible.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _ours = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private long _nextId;

    public ClaudeControl(
        StreamJsonWriter input,
        Func<ToolPermissionRequest, CancellationToken, Task<ToolPermissionDecision>> approve,
        string permissionMode,
        Func<Task> pendingChanged,
        TimeProvider time,
        ILogger logger)
    {
        _input = input;
        _approve = approve;
        _permissionMode = permissionMode;
        _pendingChanged = pendingChanged;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many tool calls wait for the approver now.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Handles a <c>control_request</c> line from Claude.</summary>
    public async Task OnRequestAsync(JsonElement line)
    {
        var requestId = ClaudeEventMapper.Str(line, "request_id");
        var request = line.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var subtype = request.ValueKind == JsonValueKind.Object ? ClaudeEventMapper.Str(request, "subtype") : null;
        if (requestId is null)
        {
            // Nothing to answer to; Claude never sends this.
            ClaudeLog.UnservedControl(_logger, "(none)", subtype ?? "(none)");
            return;
        }

        if (subtype == "can_use_tool" && ReadPermissionRequest(requestId, request) is { } permission)
        {
            await StartApprovalAsync(permission).ConfigureAwait(false);
            return;
        }

        if (subtype == "can_use_tool")
        {
            ClaudeLog.MalformedPermissionRequest(_logger);
        }
        else
        {
            ClaudeLog.UnservedControl(_logger, requestId, subtype ?? "(none)");
        }

        // An error answer to can_use_tool is a deny in Claude, so even a malformed request fails closed.
        await WriteAsync(ClaudeInput.Error(requestId, $"Tether does not serve control requests of subtype {subtype ?? "(none)"}")).ConfigureAwait(false);
    }

    /// <summary>Handles a <c>control_cancel_request</c>: the approver's token is cancelled, and the request is never answered.</summary>
    public async Task OnCancelAsync(JsonElement line)
    {
        if (ClaudeEventMapper.Str(line, "request_id") is { } id && _pending.TryRemove(id, out var cancel))
        {
            await cancel.CancelAsync().ConfigureAwait(false);
            await _pendingChanged().ConfigureAwait(false);
        }
    }

    /// <summary>Handles a <c>control_response</c> to one of our requests.</summary>
    public void OnResponse(JsonElement line)
    {
        var response = line.TryGetProperty("response", out var r) ? r : default;
        if (ClaudeEventMapper.Str(response, "request_id") is { } id && _ours.TryRemove(id, out _)
            && ClaudeEventMapper.Str(response, "subtype") == "error")
        {
            ClaudeLog.ControlFailed(_logger, id, ClaudeEventMapper.Str(response, "error") ?? "no reason given");
        }
    }

    /// <summary>Asks Claude to stop the running turn.</summary>
    public async Task InterruptAsync()
    {
        // The SDK's id shape: a counter and random hex, so ids never repeat across processes.
        var id = $"req_{Interlocked.Increment(ref _nextId)}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        _ours[id] = "interrupt";
        await WriteAsync(ClaudeInput.Interrupt(id)).ConfigureAwait(false);
    }

    /// <summary>Cancels every pending approval (the process is ending) and waits for their handlers.</summary>
    public async Task CancelAllAsync()
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var cancel))
            {
                await cancel.CancelAsync().ConfigureAwait(false);
            }
        }

        try
        {
            await Task.WhenAll(_handlers.Keys).WaitAsync(HandlerDrainTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Their answers will be dropped whenever they come.
        }
    }

    private ToolPermissionRequest? ReadPermissionRequest(string requestId, JsonElement request)
    {
        if (ClaudeEventMapper.Str(request, "tool_name") is not { } tool)
        {
            return null;
        }

        return new ToolPermissionRequest
        {
            RequestId = requestId,
            ToolName = tool,
            // Cloned: the line's buffer is reused for the next line while the approver still runs.
            Input = request.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object
                ? input.Clone()
                : JsonElement.Parse("{}"),
            ToolUseId = ClaudeEventMapper.Str(request, "tool_use_id"),
            Description = ClaudeEventMapper.Str(request, "description"),
            BlockedPath = ClaudeEventMapper.Str(request, "blocked_path"),
            DecisionReasonType = ClaudeEventMapper.Str(request, "decision_reason_type"),
            AgentId = ClaudeEventMapper.Str(request, "agent_id"),
            PermissionMode = _permissionMode,
        };
    }

    private async Task StartApprovalAsync(ToolPermissionRequest request)
    {
        var cancel = new CancellationTokenSource();
        if (!_pending.TryAdd(request.RequestId, cancel))
        {
            // A repeated id: the first one is still being decided and will be answered.
            cancel.Dispose();
            return;
        }

        await _pendingChanged().ConfigureAwait(false);
        var handler = Task.Run(() => DecideAsync(request, cancel));
        _handlers.TryAdd(handler, 0);
        _ = handler.ContinueWith(t => _handlers.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task DecideAsync(ToolPermissionRequest request, CancellationTokenSource cancel)
    {
        ToolPermissionDecision decision;
        try
        {
            decision = await _approve(request, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Withdrawn; the removal below fails and nothing is written.
            decision = ToolPermissionDecision.Denied(ToolPermissionDecision.DefaultDenyMessage);
        }
        catch (Exception e)
        {
            ClaudeLog.ApproverFailed(_logger, request.ToolName, e);
            decision = ToolPermissionDecision.Denied("Denied: the approver failed");
        }

        if (!_pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(request.RequestId, cancel)))
        {
            ClaudeLog.LateAnswer(_logger, request.RequestId);
            return;
        }

        cancel.Dispose();
        await WriteAsync(Answer(request, decision)).ConfigureAwait(false);
        await _pendingChanged().ConfigureAwait(false);
    }

    private Action<Utf8JsonWriter> Answer(ToolPermissionRequest request, ToolPermissionDecision decision)
    {
        if (!decision.Allow)
        {
            return ClaudeInput.Deny(request.RequestId, string.IsNullOrWhiteSpace(decision.Message) ? ToolPermissionDecision.DefaultDenyMessage : decision.Message);
        }

        if (decision.UpdatedInput is { } updated && updated.ValueKind != JsonValueKind.Object)
        {
            ClaudeLog.InvalidUpdatedInput(_logger, request.ToolName);
            return ClaudeInput.Deny(request.RequestId, "Denied: the approver's changed input was not valid");
        }

        // The original input is sent back explicitly (not {}): what runs is exactly what was approved.
        return ClaudeInput.Allow(request.RequestId, decision.UpdatedInput ?? request.Input);
    }

    private async Task WriteAsync(Action<Utf8JsonWriter> line)
    {
        try
        {
            await _input.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process is ending; its exit is reported by the reader.
            ClaudeLog.WriteFailed(_logger, e);
        }
    }
}
