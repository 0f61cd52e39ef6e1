using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.Sessions;

/// <summary>A terminal client that restarts with the stream id it saved (<see cref="ReliableChannelOptions.InitialStreamId"/>).</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task ARestartedDeviceWithoutItsRecordState_IsToldAndGetsANewStreamInsteadOfLoopingOnResume()
    {
        await using var session = await ProxiedSession.StartAsync();
        var before = session.StartDevice(direct: true);
        await SupersessionTests.SendAndReadAsync(session.Host, before.Channel, 1, 5);
        var saved = before.Channel.StreamId;
        await Task.Delay(500);
        await before.DisposeAsync();

        var after = session.StartDevice(new ReliableChannelOptions { InitialStreamId = saved }, direct: true);
        var told = await ProxiedSession.NextEventAsync<StreamEnded>(after.Channel);
        Assert.Equal(saved, told.Stream);
        Assert.Equal(SessionEndReason.StreamReplaced, told.Ending.Reason);
        var fresh = await ProxiedSession.NextEventAsync<SessionEstablished>(after.Channel, e => !e.Resumed);
        Assert.NotEqual(saved, fresh.Stream);
        await SupersessionTests.SendAndReadAsync(session.Host, after.Channel, 1, 3);
        Assert.InRange(after.Channel.Counters.Sessions, 1, 3);
    }
}
