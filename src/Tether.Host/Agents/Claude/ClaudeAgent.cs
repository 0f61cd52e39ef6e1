using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tether.Client.Storage;
using Tether.Protocol.Session;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// Drives the real Claude Code CLI in stream-json mode (shared/reference/claude-code-headless.md) for
/// one project: prompts go to its stdin, its text, tool calls, results and turn ends go to the device,
/// and every tool call it asks about goes to <see cref="ClaudeAgentOptions.Approve"/>. The process starts
/// on the first prompt, serves many turns, and after a crash the next prompt starts another that resumes
/// the same conversation.
/// </summary>
/// <remarks>
/// A prompt while a turn runs is refused with a notice rather than queued: a queued prompt would run
/// after an interrupt the person meant to stop everything, and the phone could not show what is queued.
/// Approval answers from the device are not handled here: the host routes them to its approval broker,
/// which <see cref="ClaudeAgentOptions.Approve"/> calls.
/// </remarks>
public sealed class ClaudeAgent : IAgent
{
    public const string AgentName = "claude";

    // Dispose: how long Claude gets to end its session after stdin closes before the tree is killed.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    // After the process exits, how long its last stdout and stderr lines may still take to be read.
    private static readonly TimeSpan ExitDrain = TimeSpan.FromSeconds(1);

    // Matches Utf8JsonWriter's default: a tool input nested this deep is still read, so its request is answered.
    private static readonly JsonDocumentOptions LineOptions = new() { MaxDepth = 1000 };

    private readonly ClaudeAgentOptions _options;
    private readonly ISessionOutput _output;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ClaudeResumeStore _resume;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private readonly SemaphoreSlim _outputGate = new(1, 1);
    private readonly Lock _lock = new();
    private string? _executable;
    private ClaudeSession? _session;
    private ActiveTurn? _turn;
    private bool _starting;
    private bool _disposed;
    private long _turns;
    private volatile string _state = "idle";

    /// <summary>Checks the options; nothing runs until <see cref="EnsureInstalledAsync"/> or the first prompt.</summary>
    /// <exception cref="ClaudeSetupException">The options are not usable (a bypass mode, a missing project, …).</exception>
    public ClaudeAgent(ClaudeAgentOptions options, ISessionOutput output)
    {
        ClaudeAgentOptionsValidator.Validate(options);
        _options = options;
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _logger = options.Logger;
        _time = options.Time;
        _resume = new ClaudeResumeStore(options.StateDirectory);
    }

    public string Name => AgentName;

    public string State => _state;

    public Task HandleAsync(SessionMessage message, CancellationToken cancellationToken) => message switch
    {
        PromptMessage prompt => PromptAsync(prompt.Text, cancellationToken),
        InterruptMessage => InterruptAsync(),
        // Approval answers belong to the host's broker; other messages are not the agent's business.
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// Finds <c>claude</c> and checks its version, once; the first prompt does it anyway, but a host can
    /// call it at start to fail before a device waits. Returns the executable's path.
    /// </summary>
    /// <exception cref="ClaudeSetupException">Not installed, not runnable, or older than 2.1.0.</exception>
    public async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _executable) is { } known)
        {
            return known;
        }

        var template = ClaudeCommandLine.Template(_options);
        var executable = ClaudeExecutable.Resolve(_options.Executable, ClaudeCommandLine.SearchPath(template));
        var version = await ClaudeVersionCheck.RunAsync(executable, template, _time, cancellationToken).ConfigureAwait(false);
        ClaudeLog.Version(_logger, version, executable);
        Volatile.Write(ref _executable, executable);
        return executable;
    }

    public async ValueTask DisposeAsync()
    {
        ClaudeSession? session;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            session = _session;
            _session = null;
        }

        if (session is not null)
        {
            // Withdrawn, not answered: the process is going away.
            await session.Control.CancelAllAsync().ConfigureAwait(false);
            await session.Process.StopAsync(StopGrace, _time).ConfigureAwait(false);
            await session.Reading.ConfigureAwait(false);
            ClaudeLog.Stopped(_logger, session.Process.Id);
            session.Dispose();
        }
    }

    private async Task PromptAsync(string text, CancellationToken cancellationToken)
    {
        bool busy;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            busy = _turn is not null || _starting;
            _starting |= !busy;
        }

        if (busy)
        {
            await EmitAsync(new NoticeMessage { Level = "warning", Text = "a turn is running: wait for it, or interrupt it first" }).ConfigureAwait(false);
            return;
        }

        ClaudeSession? session = null;
        try
        {
            session = await EnsureSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ClaudeSetupException e)
        {
            ClaudeLog.StartFailed(_logger, e.Message);
            await EmitAsync(new NoticeMessage { Level = "error", Text = e.Message }).ConfigureAwait(false);
        }
        finally
        {
            if (session is null)
            {
                lock (_lock)
                {
                    _starting = false;
                }
            }
        }

        if (session is null)
        {
            return;
        }

        bool exited;
        lock (_lock)
        {
            _starting = false;
            // Set only while this session is current, so that its exit, whenever it comes, ends the turn.
            exited = _session != session;
            if (!exited)
            {
                _turn = new ActiveTurn(++_turns, _time.GetTimestamp());
            }
        }

        if (exited)
        {
            await EmitAsync(new NoticeMessage { Level = "error", Text = "Claude Code exited as the prompt arrived; send it again" }).ConfigureAwait(false);
            return;
        }

        await UpdateStateAsync().ConfigureAwait(false);
        try
        {
            await session.Process.Input.WriteAsync(ClaudeInput.Prompt(text), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process is ending; the reader reports its exit and ends the turn.
            ClaudeLog.WriteFailed(_logger, e);
        }
    }

    private async Task InterruptAsync()
    {
        ClaudeSession? session;
        lock (_lock)
        {
            if (_turn is not { Interrupting: false } turn || _session is null)
            {
                return;
            }

            turn.Interrupting = true;
            session = _session;
        }

        await session.Control.InterruptAsync().ConfigureAwait(false);
    }

    private async Task<ClaudeSession?> EnsureSessionAsync(CancellationToken cancellationToken)
    {
        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                if (_session is not null || _disposed)
                {
                    return _session;
                }
            }

            var executable = await EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
            var resume = LoadResumeId();
            var process = ClaudeProcess.Start(ClaudeCommandLine.Session(executable, _options, resume));
            ClaudeSession? session = null;
            session = new ClaudeSession(process, new ClaudeControl(process.Input, _options.Approve, _options.PermissionMode, UpdateStateAsync, _time, _logger));
            lock (_lock)
            {
                if (!_disposed)
                {
                    _session = session;
                }
            }

            if (_session != session)
            {
                session.Dispose();
                return null;
            }

            ClaudeLog.Started(_logger, process.Id, _options.PermissionMode, resume is not null);
            session.Reading = Task.Run(() => ReadAsync(session), CancellationToken.None);
            return session;
        }
        finally
        {
            _startGate.Release();
        }
    }

    private string? LoadResumeId()
    {
        try
        {
            return _resume.Load();
        }
        catch (KeyStoreCorruptException e)
        {
            // Losing the resume point costs the conversation's context, not safety: go on without it.
            ClaudeLog.ResumeUnreadable(_logger, e.Message);
            return null;
        }
        catch (InsecurePermissionsException e)
        {
            throw new ClaudeSetupException("The Claude session state is not private: " + e.Message, e);
        }
    }

    private async Task ReadAsync(ClaudeSession session)
    {
        var process = session.Process;
        _ = StopReadingAfterExitAsync(session);
        try
        {
            while (true)
            {
                var result = await process.Output.ReadAsync(session.ReadingToken).ConfigureAwait(false);
                if (result.Kind == LineReadKind.End)
                {
                    break;
                }

                if (result.Kind == LineReadKind.TooLong)
                {
                    ClaudeLog.LineTooLong(_logger, result.SkippedBytes, ClaudeProcess.MaxLineBytes);
                    continue;
                }

                await DispatchAsync(session, result.Line).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The process exited and its last lines had their time.
        }
        catch (Exception e)
        {
            // Whatever broke, the process must not be left running unread: it would block on a full pipe.
            ClaudeLog.ReaderFailed(_logger, process.Id, e);
        }

        await OnEndedAsync(session).ConfigureAwait(false);
    }

    private async Task StopReadingAfterExitAsync(ClaudeSession session)
    {
        // A tool's child process that inherited stdout can keep it open after Claude is gone; the exit,
        // not the end of stdout, is what ends the session.
        await session.Process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.Delay(ExitDrain, _time).ConfigureAwait(false);
        session.StopReading();
    }

    private async Task DispatchAsync(ClaudeSession session, ReadOnlyMemory<byte> line)
    {
        if (line.Span.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, LineOptions);
        }
        catch (JsonException)
        {
            ClaudeLog.NotJson(_logger, line.Length);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            switch (ClaudeEventMapper.Str(root, "type"))
            {
                case "control_request":
                    await session.Control.OnRequestAsync(root).ConfigureAwait(false);
                    break;
                case "control_cancel_request":
                    await session.Control.OnCancelAsync(root).ConfigureAwait(false);
                    break;
                case "control_response":
                    session.Control.OnResponse(root);
                    break;
                case "system":
                    OnSystem(root);
                    break;
                case "result":
                    await OnResultAsync(root).ConfigureAwait(false);
                    break;
                case null when root.ValueKind != JsonValueKind.Object:
                    ClaudeLog.NotJson(_logger, line.Length);
                    break;
                default:
                    long turn;
                    lock (_lock)
                    {
                        turn = _turn?.Number ?? _turns;
                    }

                    foreach (var message in ClaudeEventMapper.Map(root, turn))
                    {
                        await EmitAsync(message).ConfigureAwait(false);
                    }

                    break;
            }
        }
    }

    private void OnSystem(JsonElement line)
    {
        if (ClaudeEventMapper.Str(line, "subtype") != "init" || ClaudeEventMapper.Str(line, "session_id") is not { } id
            || !ClaudeResumeStore.IsValidSessionId(id))
        {
            return;
        }

        try
        {
            if (_resume.Save(id))
            {
                ClaudeLog.SessionStored(_logger, id);
            }
        }
        catch (Exception e) when (e is KeyStoreException or InsecurePermissionsException or KeyStoreCorruptException)
        {
            ClaudeLog.ResumeNotSaved(_logger, id, e.Message);
        }
    }

    private async Task OnResultAsync(JsonElement line)
    {
        ActiveTurn? turn;
        lock (_lock)
        {
            turn = _turn;
            _turn = null;
        }

        if (turn is null)
        {
            return;
        }

        await EmitAsync(ClaudeResultMapper.Map(line, turn, _time.GetElapsedTime(turn.StartedTimestamp))).ConfigureAwait(false);
        await UpdateStateAsync().ConfigureAwait(false);
    }

    private async Task OnEndedAsync(ClaudeSession session)
    {
        var process = session.Process;
        int code;
        try
        {
            code = await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitDrain, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // It closed stdout but lives on: of no use any more.
            process.Kill();
            code = await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await session.Control.CancelAllAsync().ConfigureAwait(false);
        await process.DrainStderrAsync(ExitDrain, _time).ConfigureAwait(false);
        ClaudeLog.Exited(_logger, process.Id, code);

        ActiveTurn? turn;
        lock (_lock)
        {
            if (_disposed)
            {
                // DisposeAsync owns the session now and says nothing to the device.
                return;
            }

            _session = null;
            turn = _turn;
            _turn = null;
        }

        if (turn is not null)
        {
            await EmitAsync(new TurnResultMessage
            {
                Turn = turn.Number,
                Outcome = "error",
                DurationMs = (long)_time.GetElapsedTime(turn.StartedTimestamp).TotalMilliseconds,
                Error = "Claude Code exited before the turn ended",
            }).ConfigureAwait(false);
        }

        await EmitAsync(new AgentExitMessage { Code = code, Reason = ClaudeExitReason.Describe(code, process.Stderr.Lines()) }).ConfigureAwait(false);
        await UpdateStateAsync().ConfigureAwait(false);
        session.Dispose();
    }

    private async Task UpdateStateAsync()
    {
        await _outputGate.WaitAsync().ConfigureAwait(false);
        try
        {
            string next;
            lock (_lock)
            {
                next = _session?.Control.PendingCount > 0 ? "waiting_approval" : _turn is not null ? "running" : "idle";
                if (next == _state)
                {
                    return;
                }

                _state = next;
            }

            await SendAsync(new AgentStateMessage { State = next }).ConfigureAwait(false);
        }
        finally
        {
            _outputGate.Release();
        }
    }

    private async Task EmitAsync(SessionMessage message)
    {
        await _outputGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await SendAsync(message).ConfigureAwait(false);
        }
        finally
        {
            _outputGate.Release();
        }
    }

    private async Task SendAsync(SessionMessage message)
    {
        try
        {
            await _output.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The reader must go on answering Claude whatever happens to the device's stream.
            ClaudeLog.OutputFailed(_logger, message.GetType().Name, e);
        }
    }
}
