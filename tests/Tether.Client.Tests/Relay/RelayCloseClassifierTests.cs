using Tether.Client.Relay;
using Tether.Protocol.Relay;

namespace Tether.Client.Tests.Relay;

public sealed class RelayCloseClassifierTests
{
    [Theory]
    [InlineData(RelayCloseReason.AuthFailed, true)]
    [InlineData(RelayCloseReason.Revoked, true)]
    [InlineData(RelayCloseReason.Superseded, true)]
    [InlineData(RelayCloseReason.ProtocolError, true)]
    [InlineData(RelayCloseReason.FrameTooLarge, true)]
    [InlineData(RelayCloseReason.Normal, false)]
    [InlineData(RelayCloseReason.Restarting, false)]
    [InlineData(RelayCloseReason.AuthTimeout, false)]
    [InlineData(RelayCloseReason.SlowConsumer, false)]
    [InlineData(RelayCloseReason.RateLimited, false)]
    [InlineData(RelayCloseReason.ChannelFull, false)]
    [InlineData(RelayCloseReason.TokenExpired, false)]
    [InlineData(RelayCloseReason.Lost, false)]
    public void IsTerminal_FollowsTheDocumentedTable(RelayCloseReason reason, bool terminal) =>
        Assert.Equal(terminal, RelayCloseClassifier.IsTerminal(reason));

    [Fact]
    public void IsTerminal_DropWithoutAReason_IsRetried() => Assert.False(RelayCloseClassifier.IsTerminal(null));

    [Theory]
    [InlineData("https://relay.example", "wss://relay.example/v1/channels/")]
    [InlineData("http://127.0.0.1:8080/", "ws://127.0.0.1:8080/v1/channels/")]
    [InlineData("https://example.org/tether?x=1", "wss://example.org/tether/v1/channels/")]
    [InlineData("wss://relay.example:444", "wss://relay.example:444/v1/channels/")]
    public void ChannelUri_AppendsTheChannelPathToTheBaseUrl(string relay, string prefix)
    {
        var channel = new RelayId(UInt128.MaxValue - 5);

        Assert.Equal(prefix + channel, RelayConnector.ChannelUri(new Uri(relay), channel).ToString());
    }
}
