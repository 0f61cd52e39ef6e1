using Microsoft.AspNetCore.Http;

namespace Tether.Relay.StaticFiles;

/// <summary>
/// Headers on every response: the web client runs only its own scripts and talks only to its own
/// origin, nothing embeds it, and on TLS the browser never falls back to plain HTTP.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>No inline script or style, no third-party origin, no framing, no plugins, no forms.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>One year: browsers keep using HTTPS for the relay's name; no subdomains (they are not ours to pin).</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return next(context);
    }
}
