using Tether.Client.Sessions;
using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.Sessions;

/// <summary>
/// Invariant 2 through a hostile relay (<see cref="TamperingProxy"/>): a modified, replayed, reordered
/// or injected frame drops the session on the side that receives it, nothing from that frame on is
/// delivered until a fresh handshake, a <c>Tether.Security</c> line is written, and the stream then
/// resumes with nothing lost or repeated.
/// </summary>
public sealed class TamperingTests
{
    public enum Tampering
    {
        FlipBit,
        Replay,
        Swap,
        Inject,
    }

    [Theory]
    [InlineData(Tampering.FlipBit, Direction.ToHost)]
    [InlineData(Tampering.FlipBit, Direction.ToDevice)]
    [InlineData(Tampering.Replay, Direction.ToHost)]
    [InlineData(Tampering.Replay, Direction.ToDevice)]
    [InlineData(Tampering.Swap, Direction.ToHost)]
    [InlineData(Tampering.Swap, Direction.ToDevice)]
    [InlineData(Tampering.Inject, Direction.ToHost)]
    [InlineData(Tampering.Inject, Direction.ToDevice)]
    internal async Task ATamperedFrame_DropsTheSessionLogsASecurityEventAndTheStreamResumesExactly(Tampering tampering, Direction direction)
    {
        await using var session = await ProxiedSession.StartAsync();
        var device = session.StartDevice();
        var (receiver, receiverLogs, otherLogs) = direction == Direction.ToHost
            ? (session.Host, session.HostLogs, device.Logs)
            : (device.Channel, device.Logs, session.HostLogs);
        await ExchangeAsync(session.Host, device.Channel, 1, 10);
        // Let the acknowledgements of the first ten settle, so the next frame each way is a new one.
        await Task.Delay(800);

        long deliveredAtFault = -1;
        long deliveredAtNextSession = -1;
        receiverLogs.OnLine = line =>
        {
            if (line.Category == "Tether.Security" && deliveredAtFault < 0)
            {
                deliveredAtFault = receiver.Counters.Delivered;
            }
            else if (deliveredAtFault >= 0 && deliveredAtNextSession < 0 && line.EventId.Id == 200)
            {
                deliveredAtNextSession = receiver.Counters.Delivered;
            }
        };

        Arm(session.Proxy, tampering, direction);
        await ExchangeAsync(session.Host, device.Channel, 11, 20);

        var security = receiverLogs.Security;
        Assert.NotEmpty(security);
        Assert.InRange(security[0].EventId.Id, 300, 302);
        Assert.Empty(otherLogs.Security);
        Assert.Equal(10, deliveredAtFault);
        Assert.Equal(10, deliveredAtNextSession);
        Assert.True(receiver.Counters.Sessions >= 2, "a fresh handshake after the fault");
        Assert.Equal(20, session.Host.Counters.Delivered);
        Assert.Equal(20, device.Channel.Counters.Delivered);
    }

    private static void Arm(TamperingProxy proxy, Tampering tampering, Direction direction)
    {
        switch (tampering)
        {
            case Tampering.FlipBit:
                proxy.FlipNextBit(direction);
                break;
            case Tampering.Replay:
                proxy.ReplayBeforeNext(direction);
                break;
            case Tampering.Swap:
                proxy.SwapNextTwo(direction);
                break;
            case Tampering.Inject:
                var crafted = new byte[77];
                Random.Shared.NextBytes(crafted);
                proxy.InjectBeforeNext(direction, crafted);
                break;
        }
    }

    /// <summary>Sends messages <paramref name="from"/>..<paramref name="to"/> each way and checks each side got exactly those, in order.</summary>
    private static async Task ExchangeAsync(ReliableChannel host, ReliableChannel device, int from, int to)
    {
        var count = to - from + 1;
        var hostReads = ProxiedSession.ReadNumbersAsync(host, count);
        var deviceReads = ProxiedSession.ReadNumbersAsync(device, count);
        for (var n = from; n <= to; n++)
        {
            await device.SendAsync(ProxiedSession.Message("device", n));
            await host.SendAsync(ProxiedSession.Message("host", n));
        }

        Assert.Equal(Enumerable.Range(from, count), await hostReads.WaitAsync(ProxiedSession.Deadline));
        Assert.Equal(Enumerable.Range(from, count), await deviceReads.WaitAsync(ProxiedSession.Deadline));
    }
}
