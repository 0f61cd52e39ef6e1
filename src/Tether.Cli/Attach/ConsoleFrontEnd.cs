using System.Threading.Channels;
using Spectre.Console;
using Tether.Cli.Terminal;
using Tether.Protocol.Session;

namespace Tether.Cli.Attach;

/// <summary>
/// <c>tether attach</c> for a person: the conversation as it streams, approval requests as a framed
/// card with a clear question, and one input line that is a prompt, an answer, or a <c>/command</c>.
/// Agent text is untrusted: it is printed as text, never as markup.
/// </summary>
internal sealed class ConsoleFrontEnd(PendingApprovals approvals) : IFrontEnd
{
    private const string Help = "Type a prompt and press Enter. While an approval waits: y to approve, n to deny, "
        + "/always to approve it and the same command or path for the rest of the session (30 minutes). "
        + "/interrupt stops the turn, /approve ID and /deny ID [reason] answer a given request, Ctrl-D leaves (the session stays on the host).";

    private readonly Channel<DeviceCommand> _commands = Channel.CreateUnbounded<DeviceCommand>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Lock _write = new();
    private bool _midText;

    public ChannelReader<DeviceCommand> Commands => _commands.Reader;

    public void StartReading(CancellationToken cancellationToken)
    {
        Line(() => AnsiConsole.MarkupLine($"[dim]{Markup.Escape(Help)}[/]"));
        _ = Task.Run(() => ReadAsync(cancellationToken), CancellationToken.None);
    }

    public void ShowCode(string digits) => Line(() =>
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine($"  Type this code on the host:  [bold yellow]{digits[..4]} {digits[4..]}[/]");
        AnsiConsole.WriteLine();
    });

    public void WrongCode(int attemptsLeft) =>
        Line(() => AnsiConsole.MarkupLine($"[yellow]The code typed on the host was wrong; {attemptsLeft} attempt(s) left.[/]"));

    public void Paired(string hostName, string hostId) =>
        Line(() => AnsiConsole.MarkupLineInterpolated($"[green]Paired with {TerminalText.Safe(hostName)}.[/] Next time, [bold]tether attach[/] reconnects (host id {hostId})."));

    public void Connection(string state, string? detail = null) => Line(() => AnsiConsole.MarkupLine(state switch
    {
        "online" => "[green]Connected to the host.[/]",
        "host_offline" => "[yellow]The host is offline; waiting for it to come back…[/]",
        "reconnecting" => $"[yellow]Connection lost{(detail is null ? string.Empty : " (" + Markup.Escape(detail) + ")")}; reconnecting…[/]",
        _ => $"[dim]{Markup.Escape(state)}[/]",
    }));

    public void Show(SessionMessage message)
    {
        lock (_write)
        {
            switch (message)
            {
                case AgentTextMessage text:
                    Console.Write(TerminalText.Safe(text.Text));
                    _midText = true;
                    return;
                case SessionInfoMessage info:
                    EndText();
                    AnsiConsole.MarkupLineInterpolated($"[bold]{TerminalText.Safe(info.Host)}[/], agent {TerminalText.Safe(info.Agent)}; you are {TerminalText.Safe(info.Device)}.");
                    return;
                case AgentStateMessage:
                    // The card, the text and the turn result already show what the state says.
                    return;
                case TurnResultMessage result:
                    EndText();
                    AnsiConsole.MarkupLineInterpolated($"[dim]— turn {result.Turn} {result.Outcome} in {result.DurationMs} ms[/]");
                    return;
                case ApprovalRequestMessage request:
                    EndText();
                    ShowApproval(request);
                    return;
                case ApprovalResolvedMessage resolved:
                    EndText();
                    var colour = resolved.Decision == "allow" ? "green" : "red";
                    AnsiConsole.MarkupLineInterpolated($"[{colour}]{(resolved.Decision == "allow" ? "Approved" : "Denied")}[/] ({resolved.By}{(resolved.Reason is null ? string.Empty : ": " + TerminalText.Safe(resolved.Reason))})");
                    return;
                case ToolCallMessage call:
                    EndText();
                    AnsiConsole.MarkupLineInterpolated($"[dim]▸ {call.Tool}: {TerminalText.Safe(call.Summary)}[/]");
                    return;
                case ToolResultMessage result:
                    EndText();
                    var first = TerminalText.Safe(result.Text.Split('\n', 2)[0]);
                    AnsiConsole.MarkupLineInterpolated($"[dim]  {(result.IsError ? "✗" : "✓")} {(first.Length > 100 ? first[..100] + "…" : first)} ({result.Size} bytes{(result.Truncated ? ", cut" : string.Empty)})[/]");
                    return;
                case AgentExitMessage exit:
                    EndText();
                    AnsiConsole.MarkupLineInterpolated($"[red]The agent stopped[/] ({exit.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code"}): {TerminalText.Safe(exit.Reason)}. The next prompt starts it again.");
                    return;
                case SessionRulesMessage rules:
                    EndText();
                    foreach (var rule in rules.Rules)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[dim]session rule: {rule.Tool}({TerminalText.Safe(rule.Content)}) until {DateTimeOffset.FromUnixTimeMilliseconds(rule.Expires).ToLocalTime():HH:mm}[/]");
                    }

                    return;
                case NoticeMessage notice:
                    EndText();
                    AnsiConsole.MarkupLineInterpolated($"[{(notice.Level == "info" ? "blue" : "yellow")}]{TerminalText.Safe(notice.Text)}[/]");
                    return;
            }
        }
    }

    public void Ended(string reason, string text) =>
        Line(() => AnsiConsole.MarkupLineInterpolated($"[red]Session ended:[/] {text}"));

    public void Error(string text) => Line(() => AnsiConsole.MarkupLineInterpolated($"[red]{text}[/]"));

    private static void ShowApproval(ApprovalRequestMessage request)
    {
        var seconds = Math.Max(0, (DateTimeOffset.FromUnixTimeMilliseconds(request.Deadline) - DateTimeOffset.UtcNow).TotalSeconds);
        var rows = new List<Spectre.Console.Rendering.IRenderable>
        {
            new Text(TerminalText.Safe($"{request.Tool}: {request.Summary}")),
            new Text(TerminalText.Safe($"in {request.Cwd}")),
            new Text(TerminalText.Safe(request.Input)),
        };
        if (request.Diff is { } diff)
        {
            rows.Add(new Text(TerminalText.Safe(diff)));
        }

        var panel = new Panel(new Rows(rows))
        {
            Header = new PanelHeader(Markup.Escape($" approval {TerminalText.Safe(request.Id)} "), Justify.Left),
            Border = BoxBorder.Heavy,
        };
        AnsiConsole.Write(panel);
        AnsiConsole.MarkupLine($"[bold]Approve? y/n[/] [dim](denied in {seconds:0} s without an answer)[/]");
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var reader = new BoundedLineReader(Console.In, SessionMessages.MaxPromptChars);
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (Interpret(line.Trim()) is { } command)
                {
                    _commands.Writer.TryWrite(command);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            _commands.Writer.TryComplete();
        }
    }

    private DeviceCommand? Interpret(string line)
    {
        if (line == BoundedLineReader.TooLong)
        {
            Error($"That line is over {SessionMessages.MaxPromptChars} characters; nothing was sent.");
            return null;
        }

        if (approvals.Oldest is { } waiting && line is "y" or "yes" or "n" or "no")
        {
            return line.StartsWith('y') ? new DeviceCommand.Approve(waiting.Id) : new DeviceCommand.Deny(waiting.Id, "denied at the terminal");
        }

        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        switch (parts.FirstOrDefault())
        {
            case null:
                return null;
            case "/interrupt":
                return new DeviceCommand.Interrupt();
            case "/always" when approvals.Oldest is { } oldest:
                if (PendingApprovals.RuleFor(oldest) is not { } rule)
                {
                    Error($"{oldest.Tool} calls cannot be allowed for the session; answer y or n.");
                    return null;
                }

                Line(() => AnsiConsole.MarkupLineInterpolated($"Allowing {rule.Tool}({TerminalText.Safe(rule.Content)}) for this session."));
                return new DeviceCommand.Approve(oldest.Id, Remember: true);
            case "/approve" when parts.Length >= 2:
                return new DeviceCommand.Approve(parts[1]);
            case "/deny" when parts.Length >= 2:
                return new DeviceCommand.Deny(parts[1], parts.Length == 3 ? parts[2] : null);
            case "/help":
                Line(() => AnsiConsole.MarkupLine($"[dim]{Markup.Escape(Help)}[/]"));
                return null;
            case var command when command.StartsWith('/'):
                Error($"Unknown command {command}. /help lists them.");
                return null;
            default:
                if (approvals.Count > 0)
                {
                    Error("An approval is waiting: answer y or n first (or /interrupt).");
                    return null;
                }

                return new DeviceCommand.Prompt(line);
        }
    }

    private void EndText()
    {
        if (_midText)
        {
            Console.WriteLine();
            _midText = false;
        }
    }

    private void Line(Action write)
    {
        lock (_write)
        {
            EndText();
            write();
        }
    }
}
