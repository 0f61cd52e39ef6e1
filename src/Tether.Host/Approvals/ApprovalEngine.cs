using Tether.Host.Agents;
using Tether.Protocol.Session;

namespace Tether.Host.Approvals;

/// <summary>
/// Decides every tool call the agent asks about (invariant 4): reads inside the project by policy,
/// plan mode by policy (the CLI does not enforce it once told "allow"), calls a session rule covers by
/// that rule, and everything else by the device, through the <see cref="ApprovalBroker"/>, with a diff
/// for edits. Nothing here ever allows by default.
/// </summary>
/// <remarks>
/// Every request and every decision is recorded in the audit log first (invariant 12); a request that
/// cannot be recorded is denied, and so is an allow whose record cannot be written: fail closed.
/// </remarks>
public sealed class ApprovalEngine(ApprovalBroker broker, SessionRules rules, ISessionOutput output, string projectPath, PermissionMode mode, ApprovalAudit? audit = null)
{
    // Tools that only read. Claude Code itself lets reads inside the project through without asking;
    // the ones that reach the engine read elsewhere, and those go to the device (a read of ~/.ssh is
    // an upload to the model's provider).
    private static readonly HashSet<string> ReadOnlyTools = new(StringComparer.Ordinal) { "Read", "Glob", "Grep", "LS", "NotebookRead" };

    private readonly string _project = Path.TrimEndingDirectorySeparator(Path.GetFullPath(projectPath)) + Path.DirectorySeparatorChar;

    /// <summary>The mode the session runs in.</summary>
    public PermissionMode Mode => mode;

    /// <summary>The decision for <paramref name="call"/>; a deny carries a reason the model can read.</summary>
    public async Task<ApprovalDecision> DecideAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var id = ApprovalBroker.NewId();
        var summary = Summary(call);
        var started = TimeProvider.System.GetTimestamp();
        if (audit is not null && !audit.TryRequest(id, call, summary))
        {
            return new ApprovalDecision(false, "policy", "denied: the host could not record the request in its audit log");
        }

        var decision = await DecideUnrecordedAsync(id, call, summary, cancellationToken).ConfigureAwait(false);
        if (audit is not null && !audit.TryDecision(id, decision, TimeProvider.System.GetElapsedTime(started)) && decision.Allowed)
        {
            return new ApprovalDecision(false, "policy", "denied: the host could not record the decision in its audit log");
        }

        return decision;
    }

    private async Task<ApprovalDecision> DecideUnrecordedAsync(string id, ToolCall call, string summary, CancellationToken cancellationToken)
    {
        var readOnly = ReadOnlyTools.Contains(call.Tool);
        if (mode == PermissionMode.Plan && !readOnly)
        {
            return new ApprovalDecision(false, "policy", $"denied: the session is in plan mode, where {call.Tool} is not allowed; present the plan instead");
        }

        if (readOnly && call.FilePath is { } path && IsInsideProject(path))
        {
            return new ApprovalDecision(true, "policy", "a read inside the project");
        }

        if (rules.Match(call) is { } rule)
        {
            return new ApprovalDecision(true, $"rule {rule.Tool}({rule.Content})", $"allowed by the session rule {rule.Tool}({rule.Content})");
        }

        var decision = await broker.RequestAsync(call.Tool, call.Input, summary, projectPath, cancellationToken, EditDiff.For(call), id).ConfigureAwait(false);
        if (decision.Allowed && decision.Rule is { } asked)
        {
            await AddRuleAsync(asked, cancellationToken).ConfigureAwait(false);
        }

        return decision;
    }

    /// <summary>One line for the card and the audit log.</summary>
    public static string Summary(ToolCall call)
    {
        var text = call.Tool switch
        {
            "Bash" => call.Text("command") ?? "(no command)",
            "Write" => $"write {call.FilePath} ({call.Text("content")?.Length ?? 0} characters)",
            "Edit" => $"edit {call.FilePath}",
            "Read" => $"read {call.FilePath}",
            "WebFetch" => $"fetch {call.Text("url")}",
            "Echo" => $"echo \"{call.Text("text")}\"",
            _ => call.FilePath is { } path ? $"{call.Tool} {path}" : call.Tool,
        };
        var line = text.ReplaceLineEndings(" ⏎ ");
        return line.Length <= 160 ? line : line[..157] + "...";
    }

    private bool IsInsideProject(string path)
    {
        try
        {
            return Path.GetFullPath(path, _project).StartsWith(_project, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task AddRuleAsync(SessionRule asked, CancellationToken cancellationToken)
    {
        if (rules.TryAdd(asked, out _, out var refusal))
        {
            await output.SendAsync(new SessionRulesMessage { Rules = rules.Current }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await output.SendAsync(new NoticeMessage { Level = "warning", Text = $"The session rule was not added: {refusal}. This call alone was allowed." }, cancellationToken).ConfigureAwait(false);
        }
    }
}
