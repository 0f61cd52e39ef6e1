using System.Globalization;
using System.Text;

namespace Tether.Host.Sandbox.MacOs;

/// <summary>
/// The <c>sandbox-exec</c> profile (SBPL) that confines the agent on macOS, where there are no network
/// namespaces: deny by default; read the system, the agent's install and the project but not the
/// user's home; write only under the project and the session's private directories, never its
/// <c>.git/hooks</c>, <c>.git/config</c> or the agent's settings; and connect only to the egress
/// proxy's and the credential injector's loopback ports. Any local process can reach those ports, so
/// the proxy also demands the session's token (<see cref="ProxyUrl"/>), as the injector demands its
/// placeholder key; the profile alone does not identify the sandbox.
/// </summary>
public static class SandboxExecProfile
{
    /// <summary>Files inside the project the agent may read but never change (as on Linux).</summary>
    public static readonly IReadOnlyList<string> ReadOnlyInProject =
        [".git/hooks", ".git/config", ".claude/settings.json", ".claude/settings.local.json", ".mcp.json"];

    /// <summary>The profile text for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A path that is not absolute or holds a control character, or a port out of range.</exception>
    public static string Build(SandboxExecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var port in new[] { options.ProxyPort, options.InjectorPort })
        {
            if (port is < 1 or > 65535)
            {
                throw new ArgumentException($"{port} is not a TCP port.", nameof(options));
            }
        }

        var text = new StringBuilder()
            .AppendLine("(version 1)")
            .AppendLine("(deny default)")
            .AppendLine("(allow process-exec process-fork)")
            .AppendLine("(allow signal (target same-sandbox))")
            .AppendLine("(allow sysctl-read)")
            .AppendLine("(allow mach-lookup (global-name \"com.apple.system.logger\") (global-name \"com.apple.SecurityServer\") (global-name \"com.apple.trustd.agent\"))")
            .AppendLine("(allow file-read-metadata)");

        // Reads: the system and the tools, the project, the private home; the user's real home stays shut.
        text.Append("(allow file-read*");
        foreach (var root in SystemReadRoots.Concat(options.ReadRoots).Append(options.Project).Append(options.PrivateHome).Append(options.TempDirectory))
        {
            text.Append(' ').Append(Subpath(root));
        }

        text.AppendLine(" (literal \"/dev/null\") (literal \"/dev/urandom\") (literal \"/dev/random\"))");

        // Writes: the project and the session's own directories, then the carve-outs (later rules win).
        text.Append("(allow file-write* ")
            .Append(Subpath(options.Project)).Append(' ')
            .Append(Subpath(options.PrivateHome)).Append(' ')
            .Append(Subpath(options.TempDirectory))
            .AppendLine(" (literal \"/dev/null\"))");
        text.Append("(deny file-write*");
        foreach (var relative in ReadOnlyInProject)
        {
            var path = Path.Combine(options.Project, relative);
            text.Append(' ').Append(relative == ".git/hooks" ? Subpath(path) : Literal(path));
        }

        text.AppendLine(")");

        // The network: the two loopback ports, nothing else (no DNS: the proxy resolves names itself).
        text.Append("(allow network-outbound")
            .Append(CultureInfo.InvariantCulture, $" (remote ip \"localhost:{options.ProxyPort}\")")
            .Append(CultureInfo.InvariantCulture, $" (remote ip \"localhost:{options.InjectorPort}\")")
            .AppendLine(")");
        return text.ToString();
    }

    /// <summary>The proxy URL the agent is given: the session's token as the proxy credential.</summary>
    public static string ProxyUrl(int port, string sessionToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionToken);
        if (!sessionToken.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A session token is letters and digits only.", nameof(sessionToken));
        }

        return string.Create(CultureInfo.InvariantCulture, $"http://tether:{sessionToken}@127.0.0.1:{port}");
    }

    private static readonly string[] SystemReadRoots = ["/usr", "/bin", "/sbin", "/System", "/Library", "/private/etc", "/private/var/db/timezone", "/opt/homebrew"];

    private static string Subpath(string path) => $"(subpath {Quote(path)})";

    private static string Literal(string path) => $"(literal {Quote(path)})";

    /// <summary>An SBPL string: backslash and double quote escaped; a path with a control character is refused.</summary>
    private static string Quote(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"The sandbox needs absolute paths: '{path}'.", nameof(path));
        }

        if (path.Any(char.IsControl))
        {
            throw new ArgumentException("A path with a control character cannot go into a sandbox profile.", nameof(path));
        }

        return "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
