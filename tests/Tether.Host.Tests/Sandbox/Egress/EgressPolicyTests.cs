using System.Net;
using Tether.Host.Sandbox.Egress;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Sandbox.Egress;

public sealed class EgressPolicyTests
{
    [Theory]
    [InlineData("api.anthropic.com", null)]
    [InlineData("API.Anthropic.COM.", null)]
    [InlineData("anthropic.com", "not-on-allowlist")]
    [InlineData("static.crates.io", null)]
    [InlineData("a.b.crates.io", null)]
    [InlineData("crates.io", "not-on-allowlist")]
    [InlineData("evilcrates.io", "not-on-allowlist")]
    [InlineData("secret.crates.io", "denied-by-rule")]
    public void Names_are_matched_canonically_and_deny_rules_win(string raw, string? expected)
    {
        var policy = new EgressPolicyBuilder().Allow("*.crates.io", "secret.crates.io").Deny("secret.crates.io").Build();

        var host = EgressHostName.Canonicalize(raw, out _);

        Assert.NotNull(host);
        Assert.Equal(expected, policy.HostDenial(host));
    }

    [Theory]
    [InlineData("10.0.0.1", "ip-literal")]
    [InlineData("[::1]", "ip-literal")]
    [InlineData("2130706433", "ip-literal")]
    [InlineData("0x7f.1", "ip-literal")]
    [InlineData("bücher.example", "non-ascii-name")]
    [InlineData("under_score.example", "bad-host-name")]
    [InlineData("-lead.example", "bad-host-name")]
    [InlineData("a..b", "bad-host-name")]
    [InlineData("", "bad-host-name")]
    public void Names_that_are_not_plain_ascii_dns_names_are_refused(string raw, string reason)
    {
        Assert.Null(EgressHostName.Canonicalize(raw, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Punycode_names_are_kept_as_written() =>
        Assert.Equal("xn--bcher-kva.example", EgressHostName.Canonicalize("XN--BCHER-KVA.example", out _));

    [Fact]
    public void Rules_that_are_not_names_are_all_reported_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => new EgressPolicyBuilder().Allow("10.0.0.1", "*").Deny("a..b").AllowAddressRanges("nope").Build());

        Assert.Contains("10.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'*'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a..b", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback-address")]
    [InlineData("::1", "loopback-address")]
    [InlineData("10.1.2.3", "private-address")]
    [InlineData("172.16.5.5", "private-address")]
    [InlineData("192.168.1.1", "private-address")]
    [InlineData("100.64.0.1", "cgnat-address")]
    [InlineData("169.254.169.254", "metadata-address")]
    [InlineData("fd00:ec2::254", "metadata-address")]
    [InlineData("169.254.10.10", "link-local-address")]
    [InlineData("fe80::1", "link-local-address")]
    [InlineData("fd12:3456::1", "unique-local-address")]
    [InlineData("0.0.0.0", "unspecified-address")]
    [InlineData("::", "unspecified-address")]
    [InlineData("224.0.0.1", "multicast-address")]
    [InlineData("ff02::1", "multicast-address")]
    [InlineData("::ffff:10.0.0.1", "private-address")]
    [InlineData("::ffff:169.254.169.254", "metadata-address")]
    [InlineData("64:ff9b::7f00:1", "loopback-address")]
    [InlineData("160.79.104.10", null)]
    [InlineData("2607:6bc0::10", null)]
    public void Addresses_are_refused_by_kind(string address, string? reason) =>
        Assert.Equal(reason, new EgressPolicyBuilder().Build().AddressDenial(IPAddress.Parse(address)));

    [Fact]
    public void An_explicit_range_allowance_lets_loopback_through_and_nothing_else()
    {
        var policy = new EgressPolicyBuilder().AllowAddressRanges("127.0.0.0/8").Build();

        Assert.Null(policy.AddressDenial(IPAddress.Loopback));
        Assert.Null(policy.AddressDenial(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal("loopback-address", policy.AddressDenial(IPAddress.IPv6Loopback));
        Assert.Equal("private-address", policy.AddressDenial(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void The_project_files_present_name_their_registries()
    {
        using var directory = new TestDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "package.json"), "{}");
        File.WriteAllText(Path.Combine(directory.Path, "App.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(directory.Path, "Cargo.toml"), "");

        var names = new EgressPolicyBuilder().AddProjectRegistries(directory.Path).Build().AllowedNames;

        Assert.Equal(
            ["api.anthropic.com", "registry.npmjs.org", "api.nuget.org", "crates.io", "static.crates.io", "index.crates.io"],
            names);
    }

    [Fact]
    public void An_empty_project_allows_only_the_api()
    {
        using var directory = new TestDirectory();

        Assert.Equal(["api.anthropic.com"], new EgressPolicyBuilder().AddProjectRegistries(directory.Path).Build().AllowedNames);
    }
}
