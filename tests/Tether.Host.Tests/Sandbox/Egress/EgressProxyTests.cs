using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Tether.Host.Sandbox.Egress;

namespace Tether.Host.Tests.Sandbox.Egress;

public sealed class EgressProxyTests
{
    private const string Allowed = "api.allowed.test";

    private static readonly StaticResolver Resolver = new(new()
    {
        [Allowed] = ["127.0.0.1"],
        ["private.allowed.test"] = ["10.1.2.3"],
        ["metadata.allowed.test"] = ["169.254.169.254"],
        ["loop6.allowed.test"] = ["::1"],
        ["mixed.allowed.test"] = ["10.9.9.9", "127.0.0.1"],
    });

    private static EgressHarness StartFor(LoopbackTlsServer server) => EgressHarness.Start(Policy(), Resolver, o => o with { UpstreamPort = server.Port });

    private static EgressPolicy Policy(bool allowLoopback = true)
    {
        var builder = new EgressPolicyBuilder().Allow(Allowed, "*.allowed.test").Deny("blocked.allowed.test");
        return (allowLoopback ? builder.AllowAddressRanges("127.0.0.0/8") : builder).Build();
    }

    [Fact]
    public async Task A_host_not_on_the_allowlist_is_refused_audited_and_reported()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);

        var response = await proxy.RespondAsync("CONNECT evil.test:443 HTTP/1.1\r\nHost: evil.test:443\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", response, StringComparison.Ordinal);
        Assert.Contains("X-Tether-Egress-Reason: not-on-allowlist", response, StringComparison.Ordinal);
        var line = Assert.Single(await proxy.AuditAsync());
        Assert.Equal("evil.test", line.GetProperty("host").GetString());
        Assert.Equal("deny", line.GetProperty("decision").GetString());
        Assert.Equal("not-on-allowlist", line.GetProperty("reason").GetString());
        Assert.Equal("session-1", line.GetProperty("session").GetString());
        Assert.Equal(new EgressDenial("evil.test", 443, "not-on-allowlist"), Assert.Single(proxy.Denials));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(22)]
    [InlineData(8443)]
    public async Task Ports_other_than_443_are_refused(int port)
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);

        var response = await proxy.RespondAsync($"CONNECT {Allowed}:{port} HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", response, StringComparison.Ordinal);
        Assert.Contains("port-not-allowed", response, StringComparison.Ordinal);
        Assert.Equal("port-not-allowed", await proxy.SingleReasonAsync());
    }

    [Theory]
    [InlineData("GET http://api.allowed.test/ HTTP/1.1\r\nHost: api.allowed.test\r\n\r\n", "403", "https-only")]
    [InlineData("POST /v1/messages HTTP/1.1\r\nHost: api.allowed.test\r\n\r\n", "405", "connect-only")]
    [InlineData("CONNECT api.allowed.test:443\r\n\r\n", "400", "bad-request")]
    public async Task Anything_but_a_connect_is_refused_and_closed(string head, string status, string reason)
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);

        var (socket, response) = await proxy.RequestAsync(head);
        using var _ = socket;

        Assert.StartsWith($"HTTP/1.1 {status}", response, StringComparison.Ordinal);
        Assert.Contains(reason, response, StringComparison.Ordinal);
        await EgressHarness.AssertClosedAsync(socket);
    }

    [Fact]
    public async Task A_deny_rule_beats_the_wildcard_that_allows_it()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);

        var response = await proxy.RespondAsync("CONNECT Blocked.Allowed.Test.:443 HTTP/1.1\r\n\r\n");

        Assert.Contains("denied-by-rule", response, StringComparison.Ordinal);
        Assert.Equal("blocked.allowed.test", Assert.Single(await proxy.AuditAsync()).GetProperty("host").GetString());
    }

    [Fact]
    public async Task An_ip_literal_is_never_a_name()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);

        var response = await proxy.RespondAsync("CONNECT 127.0.0.1:443 HTTP/1.1\r\n\r\n");

        Assert.Contains("ip-literal", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private.allowed.test", "10.1.2.3", "private-address")]
    [InlineData("metadata.allowed.test", "169.254.169.254", "metadata-address")]
    [InlineData("loop6.allowed.test", "::1", "loopback-address")]
    [InlineData(Allowed, "127.0.0.1", "loopback-address")]
    public async Task An_allowed_name_resolving_to_a_forbidden_address_is_refused(string host, string address, string reason)
    {
        await using var proxy = EgressHarness.Start(Policy(allowLoopback: false), Resolver);

        var response = await proxy.RespondAsync($"CONNECT {host}:443 HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", response, StringComparison.Ordinal);
        Assert.Contains(reason, response, StringComparison.Ordinal);
        var line = Assert.Single(await proxy.AuditAsync());
        Assert.Equal(address, line.GetProperty("address").GetString());
        Assert.Equal(reason, line.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_oversized_connect_head_is_closed_by_the_limit()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);
        using var socket = await proxy.ConnectAsync();

        var head = "CONNECT api.allowed.test:443 HTTP/1.1\r\nX-Padding: " + new string('a', EgressLimits.MaxRequestHeadBytes);
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        }
        catch (SocketException)
        {
            // The proxy may close while we are still writing.
        }

        await EgressHarness.AssertClosedAsync(socket);
        Assert.Equal("head-too-large", await proxy.SingleReasonAsync());
    }

    [Fact]
    public async Task Connections_past_the_limit_are_closed_and_audited()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver, o => o with { MaxConnections = 1 });
        using var holder = await proxy.ConnectAsync();
        await holder.SendAsync("CONNECT api.allow"u8.ToArray());
        await Task.Delay(100); // Let the proxy accept the holder before the second arrives.

        using var refused = await proxy.ConnectAsync();
        await EgressHarness.AssertClosedAsync(refused);

        Assert.Equal("too-many-connections", await proxy.SingleReasonAsync());
    }

    [Fact]
    public async Task A_client_that_dribbles_its_head_is_closed_at_the_deadline()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver, o => o with { RequestHeadDeadline = TimeSpan.FromMilliseconds(300) });
        using var socket = await proxy.ConnectAsync();

        await socket.SendAsync("CONNECT api.allow"u8.ToArray());
        await EgressHarness.AssertClosedAsync(socket);

        Assert.Equal("head-timeout", await proxy.SingleReasonAsync());
    }

    [Fact]
    public async Task A_client_that_never_sends_its_client_hello_is_closed_at_the_deadline()
    {
        await using var server = new LoopbackTlsServer(Allowed);
        await using var proxy = EgressHarness.Start(Policy(), Resolver, o => o with { ClientHelloDeadline = TimeSpan.FromMilliseconds(300), UpstreamPort = server.Port });

        using var socket = await proxy.OpenTunnelAsync(Allowed);

        await EgressHarness.AssertClosedAsync(socket);
        Assert.Equal("client-hello-timeout", await proxy.SingleReasonAsync());
    }

    [Fact]
    public async Task A_matching_sni_reaches_the_upstream_and_bytes_flow_both_ways()
    {
        await using var server = new LoopbackTlsServer(Allowed);
        await using var proxy = StartFor(server);

        var socket = await proxy.OpenTunnelAsync(Allowed);
        await using (var tls = new SslStream(new NetworkStream(socket, ownsSocket: true)))
        {
            await tls.AuthenticateAsClientAsync(server.ClientOptions(Allowed));
            await tls.WriteAsync("ping\n"u8.ToArray());
            using var reader = new StreamReader(tls, Encoding.ASCII, leaveOpen: true);
            Assert.Equal("pong:ping", await reader.ReadLineAsync());
        }

        var line = Assert.Single(await proxy.AuditAsync());
        Assert.Equal("allow", line.GetProperty("decision").GetString());
        Assert.Equal(Allowed, line.GetProperty("sni").GetString());
        Assert.Equal("127.0.0.1", line.GetProperty("address").GetString());
        Assert.True(line.GetProperty("bytes_up").GetInt64() > 200, "the ClientHello and the ping went up");
        Assert.True(line.GetProperty("bytes_down").GetInt64() > 200, "the server's handshake and the pong came down");
        Assert.True(line.GetProperty("duration_ms").GetInt64() >= 0);
        Assert.Equal([Allowed], server.ServerNames);
        Assert.Empty(proxy.Denials);
    }

    [Fact]
    public async Task A_tunnel_quiet_both_ways_is_closed_at_the_idle_timeout()
    {
        await using var server = new LoopbackTlsServer(Allowed);
        await using var proxy = EgressHarness.Start(Policy(), Resolver, o => o with { UpstreamPort = server.Port, IdleTimeout = TimeSpan.FromMilliseconds(400) });

        var socket = await proxy.OpenTunnelAsync(Allowed);
        await using (var tls = new SslStream(new NetworkStream(socket, ownsSocket: true)))
        {
            await tls.AuthenticateAsClientAsync(server.ClientOptions(Allowed));
            var buffer = new byte[16];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                Assert.Equal(0, await tls.ReadAsync(buffer, timeout.Token));
            }
            catch (IOException)
            {
                // A reset: closed all the same.
            }
        }

        var line = Assert.Single(await proxy.AuditAsync());
        Assert.Equal("allow", line.GetProperty("decision").GetString());
        Assert.Equal("idle-timeout", line.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_refused_address_is_skipped_for_the_next_allowed_one()
    {
        await using var server = new LoopbackTlsServer("mixed.allowed.test");
        await using var proxy = EgressHarness.Start(Policy(), Resolver, o => o with { UpstreamPort = server.Port });

        using var socket = await proxy.OpenTunnelAsync("mixed.allowed.test");
    }

    [Fact]
    public async Task A_different_sni_is_closed_and_audited()
    {
        await using var server = new LoopbackTlsServer(Allowed);
        await using var proxy = StartFor(server);

        var socket = await proxy.OpenTunnelAsync(Allowed);
        await using (var tls = new SslStream(new NetworkStream(socket, ownsSocket: true)))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync(server.ClientOptions("evil.test")));
        }

        var line = Assert.Single(await proxy.AuditAsync());
        Assert.Equal("deny", line.GetProperty("decision").GetString());
        Assert.Equal("sni-mismatch", line.GetProperty("reason").GetString());
        Assert.Equal("evil.test", line.GetProperty("sni").GetString());
        Assert.Empty(server.ServerNames);
        Assert.Equal("sni-mismatch", Assert.Single(proxy.Denials).Reason);
    }

    [Fact]
    public async Task A_client_hello_dribbled_one_byte_at_a_time_is_still_read()
    {
        await using var server = new LoopbackTlsServer(Allowed);
        await using var proxy = StartFor(server);

        using var socket = await proxy.OpenTunnelAsync(Allowed);
        var hello = CraftedClientHello.Records(CraftedClientHello.Handshake("other.test"), fragment: 11);
        foreach (var b in hello)
        {
            await socket.SendAsync(new[] { b });
        }

        await EgressHarness.AssertClosedAsync(socket);
        Assert.Equal("sni-mismatch", await proxy.SingleReasonAsync());
    }

    [Fact]
    public async Task A_client_hello_without_sni_is_closed()
    {
        await using var server = new LoopbackTlsServer(Allowed);
        await using var proxy = StartFor(server);

        using var socket = await proxy.OpenTunnelAsync(Allowed);
        await socket.SendAsync(CraftedClientHello.Records(CraftedClientHello.Handshake(null)));

        await EgressHarness.AssertClosedAsync(socket);
        Assert.Equal("no-sni", await proxy.SingleReasonAsync());
    }

    [Fact]
    public async Task The_socket_and_the_audit_log_are_private_to_their_owner()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);
        await proxy.RespondAsync("CONNECT evil.test:443 HTTP/1.1\r\n\r\n");
        await proxy.AuditAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(proxy.Proxy.SocketPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(proxy.AuditPath));
    }

    [Fact]
    public void A_socket_directory_open_to_others_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("tether-eg-").FullName;
        try
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

            Assert.Throws<Client.Storage.InsecurePermissionsException>(() => EgressProxy.Start(new EgressProxyOptions
            {
                SocketPath = Path.Combine(directory, "proxy.sock"),
                SessionId = "s",
                Policy = Policy(),
                AuditLogPath = Path.Combine(directory, "egress.jsonl"),
            }));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_connection_that_sends_nothing_is_neither_audited_nor_reported()
    {
        await using var proxy = EgressHarness.Start(Policy(), Resolver);

        // The launcher's readiness probe: connect, then close.
        (await proxy.ConnectAsync()).Dispose();
        Assert.Equal("not-on-allowlist", (await proxy.RespondAsync("CONNECT evil.test:443 HTTP/1.1\r\n\r\n")).Split("Reason: ")[1].Split("\r\n")[0]);

        Assert.Equal("not-on-allowlist", await proxy.SingleReasonAsync());
        Assert.Single(proxy.Denials);
    }
}
