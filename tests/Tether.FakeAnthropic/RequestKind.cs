namespace Tether.FakeAnthropic;

/// <summary>How the fake answered a request.</summary>
public enum RequestKind
{
    /// <summary>A conversation turn, answered with the next scripted <see cref="Reply"/>.</summary>
    Scripted,

    /// <summary>A conversation turn that found the script empty; answered "(script exhausted)".</summary>
    Exhausted,

    /// <summary>A side request of the CLI (quota probe, title, topic…), answered with a short text without touching the script.</summary>
    Side,

    /// <summary>
    /// <c>HEAD /</c>, which the CLI sends at startup to warm up the connection; answered 200 with no body.
    /// </summary>
    Preconnect,

    /// <summary>A path the fake does not implement; answered 404 with an Anthropic-shaped error.</summary>
    Unknown,
}
