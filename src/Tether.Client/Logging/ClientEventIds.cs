namespace Tether.Client.Logging;

/// <summary>Every log event id of Tether.Client, in one place so that ids never collide.</summary>
internal static class ClientEventIds
{
    // 1xx: the relay connection.
    public const int Connecting = 100;
    public const int Welcomed = 101;
    public const int ConnectionEnded = 102;
    public const int ConnectFailed = 103;
    public const int TokenRefused = 104;
    public const int Stopped = 105;
    public const int RelayMisbehaved = 106;
    public const int Refreshing = 107;
    public const int RelayRestarting = 108;

    // 2xx: the reliable session on top.
    public const int SessionEstablished = 200;
    public const int SessionDropped = 201;
    public const int HandshakeRefused = 202;
    public const int Resent = 203;
    public const int StreamEnded = 204;
    public const int ChannelEnded = 205;

    // 3xx: security events (category Tether.Security): each kind its own id, so alerts can key on it.
    public const int RecordUndecryptable = 300;
    public const int RecordRuleBroken = 301;
    public const int AckViolation = 302;
    public const int HandshakeUnknownKey = 303;
    public const int HandshakeRevokedKey = 304;
    public const int HandshakeMalformed = 305;
    public const int RevokedConnectionKicked = 306;
    public const int AnswerInvalid = 307;
}
