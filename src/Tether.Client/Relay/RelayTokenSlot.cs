namespace Tether.Client.Relay;

/// <summary>The client's current connect token, shared by its run loop, its connection's reader and refresher, and callers saving it.</summary>
internal sealed class RelayTokenSlot
{
    private RelayToken? _token;

    public RelayTokenSlot(RelayToken? initial) => _token = initial;

    public RelayToken? Get() => Volatile.Read(ref _token);

    public void Set(RelayToken? token) => Volatile.Write(ref _token, token);
}
