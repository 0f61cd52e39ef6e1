using System.Net;
using System.Net.WebSockets;
using Tether.Protocol.Relay;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.Connections;

/// <summary>
/// WebSockets over HTTP/2 (RFC 8441, extended CONNECT), which browsers use when the TLS connection
/// negotiated h2: the relay's own framing serves them as it serves HTTP/1.1 upgrades.
/// </summary>
public sealed class Http2WebSocketTests
{
    [Fact]
    public async Task AWebSocketOverHttp2_GetsChallenge_AndAnswersAHello()
    {
        using var certificate = await TestCertificate.CreateAsync();
        await using var relay = await TestRelay.StartAsync(urls: ["https://127.0.0.1:0"], configuration: certificate.Configuration);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => certificate.IsPresented(presented);
        using var invoker = new HttpMessageInvoker(handler);
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.AddSubProtocol("tether.relay.v1");
        using var channelKey = ChannelKey.Generate();
        await socket.ConnectAsync(new Uri($"wss://{relay.BaseUri.Authority}/v1/channels/{channelKey.ChannelId}"), invoker, CancellationToken.None);
        Assert.Equal("tether.relay.v1", socket.SubProtocol);

        var buffer = new byte[1024];
        var challenge = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.True(RelayFrames.TryReadChallenge(buffer.AsSpan(0, challenge.Count), out var nonce));
        var hello = RelayFrames.Hello(RelayRole.Host, HelloKind.HostProof, channelKey.CreateHostProof(nonce));
        await socket.SendAsync(hello, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        var welcome = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.True(RelayFrames.TryReadWelcome(buffer.AsSpan(0, welcome.Count), out _, out _, out _, out _));
    }
}
