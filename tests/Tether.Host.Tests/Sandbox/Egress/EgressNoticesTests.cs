using Tether.Host.Agents;
using Tether.Host.Sandbox.Egress;
using Tether.Host.Tests.Support;
using Tether.Protocol.Session;

namespace Tether.Host.Tests.Sandbox.Egress;

public sealed class EgressNoticesTests
{
    [Fact]
    public void A_denial_becomes_a_warning_notice_naming_host_and_reason()
    {
        var notice = EgressNotices.For(new EgressDenial("evil.test", 443, "not-on-allowlist"));

        Assert.Equal("warning", notice.Level);
        Assert.Contains("evil.test:443", notice.Text, StringComparison.Ordinal);
        Assert.Contains("not-on-allowlist", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retry_loop_reaches_the_device_once_a_minute_per_host_and_reason()
    {
        var output = new Outbox();
        var clock = new SettableTimeProvider(DateTimeOffset.UnixEpoch);
        var send = EgressNotices.SendTo(output, time: clock);

        for (var i = 0; i < 50; i++)
        {
            send(new EgressDenial("evil.test", 443, "not-on-allowlist"));
        }

        send(new EgressDenial("evil.test", 443, "sni-mismatch"));
        send(new EgressDenial("other.test", 443, "not-on-allowlist"));
        clock.Now += DenialThrottle.RepeatWindow;
        send(new EgressDenial("evil.test", 443, "not-on-allowlist"));

        Assert.Equal(4, output.Sent.Count);
        Assert.All(output.Sent, m => Assert.Equal("warning", Assert.IsType<NoticeMessage>(m).Level));
    }

    private sealed class Outbox : ISessionOutput
    {
        public List<SessionMessage> Sent { get; } = [];

        public bool DeviceConnected => true;

        public Task SendAsync(SessionMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
