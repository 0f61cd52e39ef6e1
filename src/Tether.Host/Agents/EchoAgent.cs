using System.Diagnostics;
using System.Text.Json;
using Tether.Host.Approvals;
using Tether.Protocol.Session;

namespace Tether.Host.Agents;

/// <summary>
/// The stand-in agent of issue 4, until the Claude Code driver lands (issue 5 removes it): it answers
/// a prompt by streaming it back, and a prompt that starts with <c>ask: </c> first asks the device to
/// approve a pretend tool <c>Echo</c> with the rest as input, so that sessions, approvals and
/// interrupts can be driven end to end.
/// </summary>
public sealed class EchoAgent : IAgent
{
    /// <summary>The prefix that makes the echo ask for approval first.</summary>
    public const string AskPrefix = "ask: ";

    // Streamed in pieces, as a real agent would, so clients show partial text.
    private const int PieceChars = 32;

    private readonly ISessionOutput _output;
    private readonly ApprovalEngine _approvals;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _turn;
    private long _turns;

    public EchoAgent(ISessionOutput output, ApprovalEngine approvals)
    {
        _output = output;
        _approvals = approvals;
    }

    public string Name => "echo";

    public string State { get; private set; } = "idle";

    public async Task HandleAsync(SessionMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case PromptMessage prompt:
                await StartTurnAsync(prompt.Text, cancellationToken).ConfigureAwait(false);
                break;
            case InterruptMessage:
                lock (_lock)
                {
                    _turn?.Cancel();
                }

                break;
            default:
                await _output.SendAsync(new NoticeMessage { Level = "warning", Text = "a device may not send that message" }, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            // The turn disposes its own source when it ends.
            _turn?.Cancel();
        }

        return ValueTask.CompletedTask;
    }

    private async Task StartTurnAsync(string text, CancellationToken cancellationToken)
    {
        CancellationTokenSource? turn = null;
        lock (_lock)
        {
            if (_turn is null)
            {
                turn = _turn = new CancellationTokenSource();
            }
        }

        if (turn is null)
        {
            await _output.SendAsync(new NoticeMessage { Level = "warning", Text = "a turn is running: wait for it, or interrupt it first" }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var number = Interlocked.Increment(ref _turns);
        _ = Task.Run(() => RunTurnAsync(number, text, turn), CancellationToken.None);
    }

    private async Task RunTurnAsync(long turn, string text, CancellationTokenSource cancel)
    {
        var clock = Stopwatch.StartNew();
        var outcome = "done";
        try
        {
            await SetStateAsync("running").ConfigureAwait(false);
            if (text.StartsWith(AskPrefix, StringComparison.Ordinal))
            {
                var asked = text[AskPrefix.Length..];
                await SetStateAsync("waiting_approval").ConfigureAwait(false);
                var input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["text"] = asked });
                var decision = await _approvals.DecideAsync(new ToolCall("Echo", input), cancel.Token).ConfigureAwait(false);
                cancel.Token.ThrowIfCancellationRequested();
                await SetStateAsync("running").ConfigureAwait(false);
                text = decision.Allowed ? asked : $"(not echoed: {decision.Reason})";
            }

            var reply = "echo: " + text;
            for (var i = 0; i < reply.Length; i += PieceChars)
            {
                cancel.Token.ThrowIfCancellationRequested();
                await _output.SendAsync(new AgentTextMessage { Turn = turn, Text = reply.Substring(i, Math.Min(PieceChars, reply.Length - i)) }, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            outcome = "interrupted";
        }
        finally
        {
            lock (_lock)
            {
                _turn = null;
            }

            cancel.Dispose();
        }

        await _output.SendAsync(new TurnResultMessage { Turn = turn, Outcome = outcome, DurationMs = clock.ElapsedMilliseconds }, CancellationToken.None).ConfigureAwait(false);
        await SetStateAsync("idle").ConfigureAwait(false);
    }

    private async Task SetStateAsync(string state)
    {
        State = state;
        await _output.SendAsync(new AgentStateMessage { State = state }, CancellationToken.None).ConfigureAwait(false);
    }
}
