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
}
