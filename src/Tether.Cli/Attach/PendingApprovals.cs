using System.Collections.Concurrent;
using Tether.Protocol.Session;

namespace Tether.Cli.Attach;

/// <summary>
/// The approval requests this device has been shown and not yet seen resolved. An answer is built from
/// the request itself, so it carries the hash of exactly the input that was shown.
/// </summary>
internal sealed class PendingApprovals
{
    private readonly ConcurrentDictionary<string, ApprovalRequestMessage> _requests = new(StringComparer.Ordinal);

    public int Count => _requests.Count;

    /// <summary>The oldest request still waiting, if any (what a bare "y" answers).</summary>
    public ApprovalRequestMessage? Oldest => _requests.Values.OrderBy(r => r.Deadline).FirstOrDefault();

    public void Track(SessionMessage message)
    {
        switch (message)
        {
            case ApprovalRequestMessage request when SessionMessages.HashInput(request.Input) == request.InputSha256:
                _requests[request.Id] = request;
                break;
            case ApprovalResolvedMessage resolved:
                _requests.TryRemove(resolved.Id, out _);
                break;
        }
    }

    /// <summary>
    /// The answer to request <paramref name="id"/>; null if no such request is waiting. With
    /// <paramref name="remember"/>, the allow also asks for a session rule for exactly this command or path.
    /// </summary>
    public ApprovalAnswerMessage? Answer(string id, bool allow, string? reason, bool remember = false)
    {
        if (!_requests.TryRemove(id, out var request))
        {
            return null;
        }

        // The hash is computed here, over what was shown, rather than copied from the request.
        return new ApprovalAnswerMessage
        {
            Id = request.Id,
            InputSha256 = SessionMessages.HashInput(request.Input),
            Decision = allow ? "allow" : "deny",
            Reason = reason,
            Rule = allow && remember ? RuleFor(request) : null,
        };
    }

    /// <summary>The narrowest rule that covers the request again: its exact command, or its exact path.</summary>
    public static SessionRule? RuleFor(ApprovalRequestMessage request)
    {
        using var input = System.Text.Json.JsonDocument.Parse(request.Input);
        var member = request.Tool == "Bash" ? "command" : "file_path";
        return request.Tool is "Bash" or "Write" or "Edit"
            && input.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            && input.RootElement.TryGetProperty(member, out var value) && value.GetString() is { Length: > 0 } content
            ? new SessionRule { Tool = request.Tool, Content = content }
            : null;
    }
}
