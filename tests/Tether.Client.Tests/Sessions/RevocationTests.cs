using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.Sessions;

/// <summary>Revocation on the host (§9): the key is refused at once and the device's connections are kicked.</summary>
public sealed class RevocationTests
{
    [Fact]
    public async Task RevokeAsync_DropsTheLiveConnectionAndANewConnectionIsKickedBeforeAnyHandshake()
    {
        await using var session = await ProxiedSession.StartAsync();
        var device = session.StartDevice(direct: true);
        var established = await ProxiedSession.NextEventAsync<SessionEstablished>(session.Host);
        await SupersessionTests.SendAndReadAsync(session.Host, device.Channel, 1, 3);

        // The application's callback still says "paired": revocation must not depend on it.
        await session.Host.RevokeAsync(session.Channel.DeviceStatic.PublicKey, session.Channel.DeviceKey.Subject.ToArray());

        var ending = await device.Channel.Ended.WaitAsync(ProxiedSession.Deadline);
        Assert.Equal(SessionEndReason.Revoked, ending.Reason);
        Assert.Equal("This device's access was revoked by the host.", ending.Message);
        var ended = await ProxiedSession.NextEventAsync<StreamEnded>(session.Host);
        Assert.Equal(established.Stream, ended.Stream);
        Assert.Equal(SessionEndReason.Revoked, ended.Ending.Reason);

        var sessionsBefore = session.Host.Counters.Sessions;
        var again = session.StartDevice(direct: true);
        var againEnding = await again.Channel.Ended.WaitAsync(ProxiedSession.Deadline);
        Assert.Equal(SessionEndReason.Revoked, againEnding.Reason);
        Assert.Equal(0, again.Channel.Counters.Sessions);
        Assert.Equal(sessionsBefore, session.Host.Counters.Sessions);
        Assert.Contains(session.HostLogs.Security, l => l.EventId.Id == 306);
    }

    [Fact]
    public async Task ARevokedSubjectFromTheCallback_IsKickedOnJoinAndNeverHandshakes()
    {
        await using var session = await ProxiedSession.StartAsync(isRevokedSubject: subject => true);
        var device = session.StartDevice(direct: true);

        var ending = await device.Channel.Ended.WaitAsync(ProxiedSession.Deadline);
        Assert.Equal(SessionEndReason.Revoked, ending.Reason);
        Assert.Equal(0, device.Channel.Counters.Sessions);
        Assert.Equal(0, session.Host.Counters.Sessions);
        Assert.Contains(session.HostLogs.Security, l => l.EventId.Id == 306);
    }
}
