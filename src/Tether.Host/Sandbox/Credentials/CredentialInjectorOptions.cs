namespace Tether.Host.Sandbox.Credentials;

/// <summary>What one session's credential injector needs.</summary>
public sealed record CredentialInjectorOptions
{
    /// <summary>The Anthropic API; the only origin the injector ever sends the key to.</summary>
    public static readonly Uri DefaultUpstream = new("https://api.anthropic.com");

    /// <summary>The unix socket to listen on, in an existing 0700 directory of ours; bind it into the sandbox.</summary>
    public required string SocketPath { get; init; }

    /// <summary>The session's placeholder; the agent's requests must carry exactly this.</summary>
    public required SessionPlaceholder Placeholder { get; init; }

    /// <summary>The NAME of the environment variable holding the real key; the value never goes on a command line.</summary>
    public string KeyVariable { get; init; } = "ANTHROPIC_API_KEY";

    /// <summary>The pinned origin (scheme, host, port; no path). HTTPS, except loopback for tests.</summary>
    public Uri Upstream { get; init; } = DefaultUpstream;

    /// <summary>Collects every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Upstream.IsAbsoluteUri || Upstream.AbsolutePath != "/" || Upstream.Query.Length > 0 || Upstream.UserInfo.Length > 0)
        {
            errors.Add($"the upstream {Upstream} must be a bare origin");
        }
        else if (Upstream.Scheme != Uri.UriSchemeHttps && !(Upstream.Scheme == Uri.UriSchemeHttp && Upstream.IsLoopback))
        {
            errors.Add($"the upstream {Upstream} must be https (plain http only to loopback, for tests)");
        }

        if (string.IsNullOrWhiteSpace(KeyVariable))
        {
            errors.Add("the key variable name is empty");
        }

        return errors;
    }
}
