using Tether.Protocol.Session;

namespace Tether.Host.Approvals;

/// <summary>
/// The explicit permissions a device granted for this session ("allow <c>Bash(npm test)</c>"), each
/// with an expiry. A Bash rule is the exact command, or a prefix ending in <c>*</c> that matches only
/// when the rest holds no shell control characters, so <c>npm test*</c> never lets
/// <c>npm test; curl … | sh</c> through. A Write or Edit rule is a path, or a directory ending in <c>/*</c>.
/// </summary>
public sealed class SessionRules(TimeProvider time)
{
    /// <summary>How long a rule lasts: long enough for a working session, short enough to be forgotten by tomorrow.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>A device cannot grow the list without bound.</summary>
    public const int MaxRules = 32;

    private static readonly System.Buffers.SearchValues<char> ShellControl = System.Buffers.SearchValues.Create(";&|`$><\n\r()\\\"'");

    private readonly Lock _lock = new();
    private readonly List<SessionRule> _rules = [];

    /// <summary>The rules in force now.</summary>
    public IReadOnlyList<SessionRule> Current
    {
        get
        {
            lock (_lock)
            {
                Prune();
                return [.. _rules];
            }
        }
    }

    /// <summary>Adds a rule the device asked for; false (with the reason) for a rule too broad to grant.</summary>
    public bool TryAdd(SessionRule rule, out SessionRule added, out string refusal)
    {
        added = rule;
        refusal = string.Empty;
        if (rule.Tool is not ("Bash" or "Write" or "Edit") || string.IsNullOrWhiteSpace(rule.Content) || rule.Content.Trim() is "*" or "/*")
        {
            refusal = "a session rule names Bash, Write or Edit and a specific command or path";
            return false;
        }

        added = new SessionRule { Tool = rule.Tool, Content = rule.Content, Expires = (time.GetUtcNow() + Lifetime).ToUnixTimeMilliseconds() };
        lock (_lock)
        {
            Prune();
            if (_rules.Count >= MaxRules)
            {
                refusal = $"at most {MaxRules} session rules";
                return false;
            }

            _rules.Add(added);
        }

        return true;
    }

    /// <summary>The rule that allows <paramref name="call"/>, if one does.</summary>
    public SessionRule? Match(ToolCall call)
    {
        lock (_lock)
        {
            Prune();
            return _rules.FirstOrDefault(rule => rule.Tool == call.Tool && Matches(rule, call));
        }
    }

    private static bool Matches(SessionRule rule, ToolCall call)
    {
        var subject = call.Tool == "Bash" ? call.Text("command") : call.FilePath;
        if (subject is null)
        {
            return false;
        }

        if (!rule.Content.EndsWith('*'))
        {
            return string.Equals(subject, rule.Content, StringComparison.Ordinal);
        }

        var prefix = rule.Content[..^1];
        if (!subject.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = subject[prefix.Length..];
        return call.Tool == "Bash"
            ? rest.IndexOfAny(ShellControl) < 0
            : prefix.EndsWith('/') && !rest.Contains("..", StringComparison.Ordinal);
    }

    private void Prune()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        _rules.RemoveAll(rule => rule.Expires <= now);
    }
}
