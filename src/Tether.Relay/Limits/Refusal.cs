namespace Tether.Relay.Limits;

/// <summary>Why a request to a channel was answered with an HTTP error instead of a WebSocket.</summary>
internal enum Refusal
{
    /// <summary>Not a WebSocket upgrade (HTTP 400).</summary>
    NotWebSocket,

    /// <summary>The client did not offer the <c>tether.relay.v1</c> subprotocol (HTTP 400).</summary>
    NoSubprotocol,

    /// <summary>The path's channel id is not 32 lowercase hex characters (HTTP 404).</summary>
    BadChannel,

    /// <summary>The address opened connections faster than its rate allows (HTTP 429).</summary>
    RateLimited,

    /// <summary>The address holds as many connections as it may (HTTP 429).</summary>
    TooManyConnections,

    /// <summary>The relay is shutting down (HTTP 503).</summary>
    ShuttingDown,
}
