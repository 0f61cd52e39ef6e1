using System.Diagnostics;
using Tether.Host.Sandbox.Egress;

namespace Tether.Host.Tests.Sandbox.Egress;

/// <summary>
/// The path the sandbox uses: curl speaks to a loopback port, socat relays it to the proxy's unix socket
/// (as the launcher's relay inside the sandbox does). Needs curl and socat, which --sandbox requires anyway.
/// </summary>
public sealed class SocatCurlTests
{
    private const string Allowed = "api.allowed.test";

    [Fact]
    public async Task Curl_through_a_socat_relay_is_refused_for_a_host_off_the_allowlist()
    {
        await using var proxy = EgressHarness.Start(new EgressPolicyBuilder().Allow(Allowed).Build(), new StaticResolver([]));
        using var relay = SocatRelay.Start(proxy.Proxy.SocketPath);

        var (code, output) = await CurlAsync(relay.Port, "https://evil.test/");

        Assert.NotEqual(0, code);
        Assert.Contains("403", output, StringComparison.Ordinal);
        Assert.Equal("not-on-allowlist", await proxy.SingleReasonAsync());
    }

    [Fact]
    public async Task Curl_through_a_socat_relay_reaches_an_allowed_host_with_its_own_sni()
    {
        await using var server = new LoopbackTlsServer(Allowed);
        await using var proxy = EgressHarness.Start(
            new EgressPolicyBuilder().Allow(Allowed).AllowAddressRanges("127.0.0.1").Build(),
            new StaticResolver(new() { [Allowed] = ["127.0.0.1"] }),
            o => o with { UpstreamPort = server.Port });
        using var relay = SocatRelay.Start(proxy.Proxy.SocketPath);

        // The test server answers lines, not HTTP, so curl fails after the handshake; the handshake is the point.
        await CurlAsync(relay.Port, $"https://{Allowed}/");

        Assert.Equal([Allowed], server.ServerNames);
        var line = Assert.Single(await proxy.AuditAsync());
        Assert.Equal("allow", line.GetProperty("decision").GetString());
        Assert.Equal(Allowed, line.GetProperty("sni").GetString());
    }

    private static async Task<(int Code, string Output)> CurlAsync(int port, string url)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-sS", "-k", "--max-time", "10", "-x", $"http://127.0.0.1:{port}", url })
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync() + await curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        return (curl.ExitCode, output);
    }
}
