using Microsoft.AspNetCore.Http;

namespace Tether.Relay.Limits;

/// <summary>Names and HTTP statuses of <see cref="Refusal"/>.</summary>
internal static class Refusals
{
    public const int Count = (int)Refusal.ShuttingDown + 1;

    public static string ToName(this Refusal refusal) => refusal switch
    {
        Refusal.NotWebSocket => "not-websocket",
        Refusal.NoSubprotocol => "no-subprotocol",
        Refusal.BadChannel => "bad-channel",
        Refusal.RateLimited => "rate-limited",
        Refusal.TooManyConnections => "too-many-connections",
        Refusal.ShuttingDown => "shutting-down",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };

    public static int StatusCode(this Refusal refusal) => refusal switch
    {
        Refusal.NotWebSocket or Refusal.NoSubprotocol => StatusCodes.Status400BadRequest,
        Refusal.BadChannel => StatusCodes.Status404NotFound,
        Refusal.RateLimited or Refusal.TooManyConnections => StatusCodes.Status429TooManyRequests,
        Refusal.ShuttingDown => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };
}
