namespace Tether.Client.Relay;

/// <summary>
/// The connection that is welcomed and up, if any, and the one way frames reach it. A frame is bound
/// to the connection it was queued on and never crosses into the next one: peer ids belong to one
/// connection, and the record layer (§4.3) resends what was not acknowledged.
/// </summary>
internal sealed class ActiveConnection(RelayClientCounters counters)
{
    private volatile RelayConnection? _current;
    private uint _peerId;

    /// <summary>The connection that is up; null while disconnected.</summary>
    public RelayConnection? Current => _current;

    /// <summary>Its peer id, 0 while disconnected.</summary>
    public uint PeerId => Volatile.Read(ref _peerId);

    public void Publish(RelayConnection connection, uint peerId)
    {
        Volatile.Write(ref _peerId, peerId);
        _current = connection;
    }

    public void Clear()
    {
        _current = null;
        Volatile.Write(ref _peerId, 0);
    }

    /// <summary>Queues a frame on the connection that is up; false (and counted) when there is none or it ended first.</summary>
    public async ValueTask<bool> QueueAsync(byte[] frame, bool control, CancellationToken cancellationToken)
    {
        var connection = _current;
        if (connection is null)
        {
            counters.NotConnected();
            return false;
        }

        var queued = control
            ? await connection.QueueControlAsync(frame, cancellationToken).ConfigureAwait(false)
            : await connection.QueueDataAsync(frame, cancellationToken).ConfigureAwait(false);
        if (!queued)
        {
            counters.DroppedWithConnection(1);
        }

        return queued;
    }
}
