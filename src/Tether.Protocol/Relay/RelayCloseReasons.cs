namespace Tether.Protocol.Relay;

/// <summary>The one mapping between close reasons, WebSocket close codes and their names (§7.5).</summary>
public static class RelayCloseReasons
{
    private static readonly (RelayCloseReason Reason, int Code, string Name)[] Table =
    [
        (RelayCloseReason.Normal, 1000, "normal"),
        (RelayCloseReason.Restarting, 1012, "restarting"),
        (RelayCloseReason.AuthFailed, 4001, "auth-failed"),
        (RelayCloseReason.AuthTimeout, 4002, "auth-timeout"),
        (RelayCloseReason.FrameTooLarge, 4003, "frame-too-large"),
        (RelayCloseReason.ProtocolError, 4004, "protocol-error"),
        (RelayCloseReason.SlowConsumer, 4005, "slow-consumer"),
        (RelayCloseReason.RateLimited, 4006, "rate-limited"),
        (RelayCloseReason.ChannelFull, 4007, "channel-full"),
        (RelayCloseReason.Superseded, 4008, "superseded"),
        (RelayCloseReason.Revoked, 4009, "revoked"),
        (RelayCloseReason.TokenExpired, 4010, "token-expired"),
        (RelayCloseReason.Lost, 4011, "lost"),
    ];

    /// <summary>The WebSocket close status for a reason.</summary>
    public static int CloseCode(this RelayCloseReason reason) => Find(reason).Code;

    /// <summary>The reason's name, as sent in the close frame and used as a metric label.</summary>
    public static string ToName(this RelayCloseReason reason) => Find(reason).Name;

    /// <summary>The reason a WebSocket close status stands for, when it is one of ours.</summary>
    public static bool TryFromCloseCode(int code, out RelayCloseReason reason)
    {
        foreach (var row in Table)
        {
            if (row.Code == code)
            {
                reason = row.Reason;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>Whether a byte from the wire names a known reason.</summary>
    public static bool IsDefined(byte value) => value <= (byte)RelayCloseReason.Lost;

    private static (RelayCloseReason Reason, int Code, string Name) Find(RelayCloseReason reason) =>
        IsDefined((byte)reason) ? Table[(int)reason] : throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a relay close reason");
}
