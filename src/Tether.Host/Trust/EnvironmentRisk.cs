namespace Tether.Host.Trust;

/// <summary>How dangerous it is for a repository to set one environment variable for Claude and its tools.</summary>
internal static class EnvironmentRisk
{
    // Variables that move where the API key and prompts go, switch the provider, or load code into Claude
    // (Node) or every tool it runs (loader, shell). ANTHROPIC_BASE_URL was seen redirecting traffic.
    private static readonly string[] CriticalNames =
    [
        "NODE_OPTIONS", "NODE_EXTRA_CA_CERTS", "NODE_TLS_REJECT_UNAUTHORIZED", "NODE_PATH", "LD_PRELOAD", "LD_LIBRARY_PATH",
        "DYLD_INSERT_LIBRARIES", "BASH_ENV", "ENV", "PATH", "SHELL", "PROMPT_COMMAND", "GIT_SSH_COMMAND", "SSL_CERT_FILE", "SSL_CERT_DIR",
        "HOME", "CLAUDE_CONFIG_DIR", "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_SHELL_PREFIX", "IS_SANDBOX",
    ];

    private static readonly string[] CriticalPrefixes = ["ANTHROPIC_", "AWS_", "GOOGLE_", "VERTEX_", "CLOUD_ML_"];

    private static readonly string[] ProxySuffixes = ["_PROXY"];

    public static (TrustSeverity Severity, string Reason) Judge(string name)
    {
        var upper = name.ToUpperInvariant();
        if (CriticalNames.Contains(upper) || CriticalPrefixes.Any(p => upper.StartsWith(p, StringComparison.Ordinal)))
        {
            return (TrustSeverity.Critical, "it can move the API endpoint or credentials, or load code into Claude or its tools");
        }

        if (ProxySuffixes.Any(s => upper.EndsWith(s, StringComparison.Ordinal)))
        {
            return (TrustSeverity.Critical, "a proxy sees every request Claude makes, including the API key");
        }

        if (upper.StartsWith("OTEL_", StringComparison.Ordinal) || upper.StartsWith("CLAUDE_CODE_", StringComparison.Ordinal))
        {
            return (TrustSeverity.High, "changes Claude's behaviour or sends telemetry (and can switch on otelHeadersHelper)");
        }

        return (TrustSeverity.Medium, "every tool Claude runs inherits it");
    }
}
