using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;

namespace Tether.Host.Sandbox.Credentials;

/// <summary>
/// The headers copied each way. An allowlist, not a blocklist: hop-by-hop headers (Connection, Keep-Alive,
/// Transfer-Encoding, Upgrade, Proxy-*), Host, cookies and both key headers are never copied because they are
/// never listed. Content-Length and Transfer-Encoding are set by each side's own framing.
/// </summary>
internal static class ForwardedHeaders
{
    private static readonly HashSet<string> Request = new(StringComparer.OrdinalIgnoreCase)
    {
        "accept", "accept-encoding", "user-agent", "x-app", "content-type",
    };

    private static readonly HashSet<string> Response = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-encoding", "cache-control", "request-id", "x-request-id", "retry-after", "x-should-retry",
    };

    // The SDK's version and beta flags, and its platform description.
    private static readonly string[] RequestPrefixes = ["anthropic-", "x-stainless-"];

    // Rate-limit and organization headers the CLI reads.
    private static readonly string[] ResponsePrefixes = ["anthropic-"];

    public static bool IsForwardedRequest(string name) =>
        Request.Contains(name) || RequestPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Copies the allowed request headers onto <paramref name="upstream"/> (content headers onto its content).</summary>
    public static void CopyRequest(IHeaderDictionary from, HttpRequestMessage upstream)
    {
        foreach (var (name, values) in from)
        {
            if (!IsForwardedRequest(name))
            {
                continue;
            }

            if (!upstream.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                upstream.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
    }

    /// <summary>Copies the allowed response headers (general and content) back to the agent.</summary>
    public static void CopyResponse(HttpResponseMessage from, IHeaderDictionary to)
    {
        Copy(from.Headers, to);
        Copy(from.Content.Headers, to);
    }

    private static void Copy(HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from)
        {
            if (Response.Contains(name) || ResponsePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                to[name] = values.ToArray();
            }
        }
    }
}
