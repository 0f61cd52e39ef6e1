namespace Tether.Host.Sandbox.Credentials;

/// <summary>The credential injector's bounds, with the reason for each.</summary>
internal static class InjectorLimits
{
    /// <summary>The Messages API accepts requests up to 32 MB (images and PDFs inline); nothing larger can succeed upstream.</summary>
    public const long MaxRequestBodyBytes = 32L * 1024 * 1024;

    /// <summary>Dialling the pinned API origin.</summary>
    public static readonly TimeSpan UpstreamConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Per-read copy buffer for response bodies: small, so each SSE event is passed on as it arrives.</summary>
    public const int ResponseBufferBytes = 16 * 1024;

    /// <summary>Claude Code runs a few requests at once (subagents, a title, token counts); 32 bounds a runaway agent.</summary>
    public const int MaxConcurrentConnections = 32;

    /// <summary>Model ids are short ASCII (<c>claude-sonnet-4-5-20250929</c>); 128 characters bounds a path segment we pass on.</summary>
    public const int MaxModelIdLength = 128;
}
