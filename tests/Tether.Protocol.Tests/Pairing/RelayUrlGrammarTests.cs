using System.Text;
using Tether.Protocol.Pairing;

namespace Tether.Protocol.Tests.Pairing;

/// <summary>The §2.2 grammar beyond the pairing-link.json cases.</summary>
public sealed class RelayUrlGrammarTests
{
    [Theory]
    [InlineData("https://a")]
    [InlineData("https://relay.example")]
    [InlineData("https://relay.example:1")]
    [InlineData("https://relay.example:65535")]
    [InlineData("https://relay.example/Tether/V1")]
    [InlineData("https://a-b.c--d.e")]
    [InlineData("https://0.0.0.0")]
    [InlineData("https://[2001:db8::1]")]
    [InlineData("https://[::ffff:192.0.2.1]:443/x")]
    [InlineData("http://localhost")]
    [InlineData("http://127.255.255.255:80/t")]
    [InlineData("http://127.0.0.0")]
    [InlineData("http://[::1]")]
    public void AcceptedUrls(string url)
    {
        Assert.True(RelayUrlGrammar.IsValid(url));
        Assert.True(RelayUrlGrammar.IsValid(Encoding.ASCII.GetBytes(url)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://")]
    [InlineData("https:/relay.example")]
    [InlineData("Https://relay.example")]
    [InlineData("https://relay.example:")]
    [InlineData("https://relay.example:123456")]
    [InlineData("https://relay.example:99999")]
    [InlineData("https://relay.example/a/")]
    [InlineData("https://relay.example/a b")]
    [InlineData("https://relay.example/a\"b")]
    [InlineData("https://relay.example/a#b")]
    [InlineData("https://relay.example?")]
    [InlineData("https://relay_example")]
    [InlineData("https://relay.example-")]
    [InlineData("https://a..b")]
    [InlineData("https://.a")]
    [InlineData("https://a.-b")]
    [InlineData("https://a-.b")]
    [InlineData("https://[]")]
    [InlineData("https://[2001:DB8::1]")]
    [InlineData("https://[::1")]
    [InlineData("https://[::1]x")]
    [InlineData("http://127.0.0.01")]
    [InlineData("http://127.0.0")]
    [InlineData("http://127.0.0.1.5")]
    [InlineData("http://127.0..1")]
    [InlineData("http://128.0.0.1")]
    [InlineData("http://localhost.example")]
    [InlineData("http://[::2]")]
    [InlineData("http://[0:0:0:0:0:0:0:1]")]
    public void RefusedUrls(string url) => Assert.False(RelayUrlGrammar.IsValid(url));

    [Fact]
    public void TheLongestUrlIs512Bytes()
    {
        var prefix = "https://relay.example/";
        var longest = prefix + new string('a', RelayUrlGrammar.MaxLength - prefix.Length);
        Assert.True(RelayUrlGrammar.IsValid(longest));
        Assert.False(RelayUrlGrammar.IsValid(longest + "a"));
    }

    [Fact]
    public void NonAsciiCharactersAreRefused() => Assert.False(RelayUrlGrammar.IsValid("https://relä.example"));
}
