using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Tether.Protocol.Relay;

namespace Tether.Relay.Tests.Support;

/// <summary>
/// A real relay on a free loopback port, in this process, with a known token key, captured logs and
/// (optionally) a manual clock; plus helpers that play hosts, devices and pairing peers against it.
/// </summary>
internal sealed class TestRelay : IAsyncDisposable
{
    public const byte KeyId = 7;

    private TestRelay(RelayServer server, RelayTokenKey key, CapturedLogs logs, TimeProvider time, ConnectTokenOptions tokens)
    {
        Server = server;
        Key = key;
        Logs = logs;
        Time = time;
        Issuer = new ConnectTokenIssuer([key], tokens, time);
        var url = server.Urls[0];
        BaseUri = new Uri($"{url.Scheme}://{url.Host}:{url.Port}");
    }

    public RelayServer Server { get; }

    public RelayTokenKey Key { get; }

    public CapturedLogs Logs { get; }

    public TimeProvider Time { get; }

    /// <summary>An issuer with the relay's own key and clock, to make real tokens for tests.</summary>
    public ConnectTokenIssuer Issuer { get; }

    public Uri BaseUri { get; }

    /// <summary>Starts a relay; the sweep runs every 20 ms so that deadlines act promptly.</summary>
    public static async Task<TestRelay> StartAsync(
        Func<RelayLimits, RelayLimits>? limits = null,
        TimeProvider? time = null,
        IReadOnlyList<IPAddress>? trustedProxies = null,
        string? staticRoot = null,
        ConnectTokenOptions? tokens = null,
        IReadOnlyList<string>? urls = null,
        Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
    {
        var key = RelayTokenKey.Generate(KeyId);
        var logs = new CapturedLogs();
        time ??= TimeProvider.System;
        tokens ??= new ConnectTokenOptions();
        var options = new RelayOptions
        {
            TokenKeys = [key],
            Tokens = tokens,
            Limits = (limits ?? (l => l))(new RelayLimits { SweepInterval = TimeSpan.FromMilliseconds(20) }),
            TrustedProxies = trustedProxies ?? [],
            StaticFilesRoot = staticRoot,
            Time = time,
            Urls = urls ?? ["http://127.0.0.1:0"],
            Configuration = configuration,
            Logging = b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace),
        };
        var server = await RelayServer.StartAsync(options);
        return new TestRelay(server, key, logs, time, tokens);
    }

    public Uri ChannelUri(RelayId channel) => new($"ws://{BaseUri.Authority}/v1/channels/{channel}");

    public Task<RelayClient> ConnectAsync(RelayId channel, IPAddress? from = null, bool paused = false) =>
        RelayClient.ConnectAsync(ChannelUri(channel), from, paused: paused);

    /// <summary>Connects as the host of <paramref name="key"/>'s channel with a host proof.</summary>
    public async Task<Peer> HostAsync(ChannelKey key, IPAddress? from = null)
    {
        var client = await ConnectAsync(key.ChannelId, from);
        var nonce = await client.ChallengeAsync();
        await client.SendAsync(RelayFrames.Hello(RelayRole.Host, HelloKind.HostProof, key.CreateHostProof(nonce)));
        return Peer.FromWelcome(client, await client.ExpectAsync(RelayFrameType.Welcome));
    }

    /// <summary>Connects a device of <paramref name="channel"/> with a fresh access key and certificate (or the ones given).</summary>
    public async Task<Peer> DeviceAsync(ChannelKey channel, DeviceAccessKey? device = null, DeviceCertificate? certificate = null, IPAddress? from = null)
    {
        using var fresh = device is null ? DeviceAccessKey.Generate() : null;
        var access = device ?? fresh!;
        certificate ??= Certify(channel, access);
        var client = await ConnectAsync(channel.ChannelId, from);
        var nonce = await client.ChallengeAsync();
        await client.SendAsync(RelayFrames.Hello(RelayRole.Device, HelloKind.DeviceProof, access.CreateDeviceProof(certificate, nonce)));
        return Peer.FromWelcome(client, await client.ExpectAsync(RelayFrameType.Welcome));
    }

    /// <summary>Connects with a token credential and returns the client after HELLO (the caller reads the answer).</summary>
    public async Task<RelayClient> HelloAsync(RelayId channel, RelayRole role, HelloKind kind, byte[] credential)
    {
        var client = await ConnectAsync(channel);
        await client.ChallengeAsync();
        await client.SendAsync(RelayFrames.Hello(role, kind, credential));
        return client;
    }

    /// <summary>A certificate for <paramref name="device"/> on <paramref name="channel"/>, valid for 30 days from the relay's now.</summary>
    public DeviceCertificate Certify(ChannelKey channel, DeviceAccessKey device, TimeSpan? lifetime = null)
    {
        var now = Time.GetUtcNow();
        return DeviceCertificate.Issue(channel, device.PublicKey, now + (lifetime ?? TimeSpan.FromDays(30)), now);
    }

    /// <summary>
    /// A fresh channel with a host and a device that exchange DATA both ways: the relay still serves
    /// channels after whatever a test did to it.
    /// </summary>
    public async Task AssertServesAnotherChannelAsync()
    {
        using var key = ChannelKey.Generate();
        var elsewhere = IPAddress.Parse("127.0.0.9");
        await using var host = await HostAsync(key, elsewhere);
        await using var device = await DeviceAsync(key, from: elsewhere);
        await host.Client.ExpectAsync(RelayFrameType.PeerJoined);
        await device.SendAsync(RelayFrames.Data(0, "ping"u8));
        var (from, payload) = await host.ReceiveDataAsync();
        Assert.Equal(device.PeerId, from);
        Assert.Equal("ping", Encoding.UTF8.GetString(payload));
        await host.SendAsync(RelayFrames.Data(device.PeerId, "pong"u8));
        var (to, reply) = await device.ReceiveDataAsync();
        Assert.Equal(0u, to);
        Assert.Equal("pong", Encoding.UTF8.GetString(reply));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Key.Dispose();
    }
}
