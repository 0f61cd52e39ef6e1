using System.Diagnostics;

namespace Tether.FakeAnthropic;

/// <summary>
/// The environment for one test run of the real <c>claude</c> against a <see cref="FakeAnthropicServer"/>:
/// API traffic to the fake, no other traffic, and a fresh <c>HOME</c> (removed on dispose) so the user's
/// settings, credentials and session history neither leak in nor get written to.
/// </summary>
public sealed class ClaudeEnvironment : IDisposable
{
    /// <summary>The key sent to the fake; the fake accepts any.</summary>
    public const string PlaceholderApiKey = "sk-ant-fake-tether-tests";

    // Inherited variables that would change what the CLI does: another API endpoint or credentials, a model
    // choice, a config directory outside HOME, "we run inside Claude Code" (CLAUDECODE), IS_SANDBOX (lets
    // bypassPermissions run as root; a test must see the refusal), Node flags, and proxies that could route
    // loopback traffic elsewhere. XDG_* go so that caches and state fall under the temporary HOME.
    private static readonly string[] RemovedPrefixes = ["ANTHROPIC_", "CLAUDE", "XDG_"];
    private static readonly string[] RemovedNames =
    [
        "IS_SANDBOX", "NODE_OPTIONS", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
        "DISABLE_TELEMETRY", "DISABLE_AUTOUPDATER",
    ];

    private readonly Dictionary<string, string> _variables;

    private ClaudeEnvironment(Uri apiUrl, string home)
    {
        Home = home;
        _variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ANTHROPIC_BASE_URL"] = apiUrl.GetLeftPart(UriPartial.Authority),
            ["ANTHROPIC_API_KEY"] = PlaceholderApiKey,
            // Telemetry, error reports, auto-update and release-notes fetches: all off, so the only
            // traffic is to ANTHROPIC_BASE_URL.
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["HOME"] = home,
            ["NO_PROXY"] = "127.0.0.1,localhost",
        };
    }

    /// <summary>The temporary home directory (holds <c>.claude/</c> and <c>.claude.json</c> once the CLI ran).</summary>
    public string Home { get; }

    /// <summary>The variables set on top of the inherited environment (after the removals described above).</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>An environment whose API base URL is <paramref name="apiUrl"/> (usually <see cref="FakeAnthropicServer.Url"/>).</summary>
    public static ClaudeEnvironment Create(Uri apiUrl)
    {
        ArgumentNullException.ThrowIfNull(apiUrl);
        var home = Path.Combine(Path.GetTempPath(), "tether-claude-home-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(home);
        return new ClaudeEnvironment(apiUrl, home);
    }

    /// <summary>Adds or replaces a variable, e.g. <c>CLAUDE_CODE_ENTRYPOINT</c>.</summary>
    public ClaudeEnvironment Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _variables[name] = value;
        return this;
    }

    /// <summary>Removes the inherited variables listed above from <paramref name="start"/> and sets <see cref="Variables"/>.</summary>
    public void ApplyTo(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var environment = start.Environment;
        foreach (var name in environment.Keys.ToList())
        {
            if (RemovedNames.Contains(name, StringComparer.Ordinal) || RemovedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                environment.Remove(name);
            }
        }

        foreach (var (name, value) in _variables)
        {
            environment[name] = value;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
