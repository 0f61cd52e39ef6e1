using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.Sessions;

/// <summary>The outage window (§9): brief outages resume exactly; longer ones end cleanly on both sides.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task AThirtySecondOutage_WhileBothSidesKeepSending_ResumesWithNoLostOrRepeatedMessage()
    {
        const int Count = 200;
        await using var session = await ProxiedSession.StartAsync();
        var device = session.StartDevice();
        var first = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host);

        var hostReads = ProxiedSession.ReadNumbersAsync(session.Host, Count);
        var deviceReads = ProxiedSession.ReadNumbersAsync(device.Channel, Count);
        // 200 messages 200 ms apart: 40 s of sending each way, the outage in the middle.
        var sending = Task.WhenAll(SendPacedAsync(session.Host, "host", Count), SendPacedAsync(device.Channel, "device", Count));
        await Task.Delay(TimeSpan.FromSeconds(3));
        session.Proxy.RefuseFor(TimeSpan.FromSeconds(30));
        session.Proxy.DropConnections();
        await sending.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(Enumerable.Range(1, Count), await hostReads.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(Enumerable.Range(1, Count), await deviceReads.WaitAsync(TimeSpan.FromSeconds(60)));
        var resumed = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host);
        Assert.True(resumed.Resumed);
        Assert.Equal(first.Stream, resumed.Stream);
        Assert.Equal(Count, session.Host.Counters.Delivered);
        Assert.Equal(Count, device.Channel.Counters.Delivered);
        Assert.False(device.Channel.Ended.IsCompleted);
    }

    [Fact]
    public async Task AnOutageLongerThanTheWindow_EndsCleanlyOnBothSides_AndTheOldStreamIdGetsANewStream()
    {
        var window = TimeSpan.FromSeconds(2);
        await using var session = await ProxiedSession.StartAsync(new ReliableChannelOptions { OutageWindow = window });
        var device = session.StartDevice(new ReliableChannelOptions { OutageWindow = window });
        var first = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host);
        await SupersessionTests.SendAndReadAsync(session.Host, device.Channel, 1, 3);
        var oldStream = device.Channel.StreamId;
        Assert.Equal(first.Stream, oldStream);

        session.Proxy.RefuseFor(TimeSpan.FromSeconds(5));
        session.Proxy.DropConnections();

        var deviceEnding = await device.Channel.Ended.WaitAsync(ProxiedSession.Deadline);
        Assert.Equal(SessionEndReason.HostUnreachable, deviceEnding.Reason);
        Assert.Equal("The host could not be reached for 2 seconds; the session ended.", deviceEnding.Message);
        Assert.Empty(await device.Channel.Messages.ReadAllAsync().ToListAsync());

        var hostEnded = await ProxiedSession.NextEventAsync<StreamEnded>(session.Host);
        Assert.Equal(oldStream, hostEnded.Stream);
        Assert.Equal(SessionEndReason.OutageExpired, hostEnded.Ending.Reason);
        Assert.Equal("The device was away for longer than 2 seconds; its session ended.", hostEnded.Ending.Message);
        Assert.Contains(session.HostLogs.Lines, l => l.EventId.Id == 204 && l.Level == Microsoft.Extensions.Logging.LogLevel.Information);

        // The terminal client restarts with the stream id it saved.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var back = session.StartDevice(new ReliableChannelOptions { InitialStreamId = oldStream });
        var told = await ProxiedSession.NextEventAsync<StreamEnded>(back.Channel);
        Assert.Equal(oldStream, told.Stream);
        Assert.Equal(SessionEndReason.StreamReplaced, told.Ending.Reason);
        Assert.Equal("The host started a new session; the previous one ended.", told.Ending.Message);
        var fresh = await ProxiedSession.NextEventAsync<SessionEstablished>(back.Channel);
        Assert.False(fresh.Resumed);
        Assert.NotEqual(oldStream, fresh.Stream);
        Assert.Equal(fresh.Stream, back.Channel.StreamId);
        await SupersessionTests.SendAndReadAsync(session.Host, back.Channel, 1, 3);
    }

    private static async Task SendPacedAsync(ReliableChannel channel, string from, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            await channel.SendAsync(ProxiedSession.Message(from, n));
            await Task.Delay(200);
        }
    }
}
