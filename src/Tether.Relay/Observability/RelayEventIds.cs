namespace Tether.Relay.Observability;

/// <summary>Every log event id of the relay, in one place, so that operators can filter on stable numbers.</summary>
internal static class RelayEventIds
{
    public const int Started = 1;
    public const int Stopping = 2;
    public const int Stopped = 3;

    public const int Welcomed = 10;
    public const int Closed = 11;
    public const int AuthFailed = 12;
    public const int Superseded = 13;
    public const int Kicked = 14;
    public const int SlowConsumer = 15;
    public const int ProtocolError = 16;

    public const int Refused = 20;
    public const int RefreshIgnored = 21;
    public const int PairingSlotOpened = 22;
    public const int PairingSlotUsed = 23;

    public const int HandlerFailed = 30;
}
