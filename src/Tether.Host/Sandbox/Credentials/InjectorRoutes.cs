namespace Tether.Host.Sandbox.Credentials;

/// <summary>
/// The Messages API paths the agent may use through the injector; anything else is answered 404 here, so the
/// real key is spent on nothing but model calls.
/// </summary>
internal static class InjectorRoutes
{
    /// <summary>Whether <paramref name="method"/> <paramref name="path"/> is forwarded.</summary>
    public static bool IsForwarded(string method, string path) => (method, path) switch
    {
        ("POST", "/v1/messages") => true,
        ("POST", "/v1/messages/count_tokens") => true,
        ("GET", "/v1/models") => true,
        ("GET", _) when path.StartsWith(ModelsPrefix, StringComparison.Ordinal) => IsModelId(path[ModelsPrefix.Length..]),
        _ => false,
    };

    /// <summary>Claude Code opens its connection with <c>HEAD /</c>; answered here, it needs no key and no upstream.</summary>
    public static bool IsWarmUp(string method, string path) => method == "HEAD" && path == "/";

    private const string ModelsPrefix = "/v1/models/";

    // Letters, digits, '.', '-', '_' only: no '%', '/' or "..", so the segment cannot reach another path upstream.
    private static bool IsModelId(string id) =>
        id.Length is > 0 and <= InjectorLimits.MaxModelIdLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
        && !id.Contains("..", StringComparison.Ordinal);
}
