using Tether.Host.Sandbox.Egress;

namespace Tether.Host.Tests.Sandbox.Egress;

public sealed class ClientHelloParserTests
{
    [Fact]
    public void A_single_record_hello_yields_its_server_name()
    {
        var status = ClientHelloParser.TryParse(CraftedClientHello.Records(CraftedClientHello.Handshake("api.example.com")), out var hello);

        Assert.Equal(ClientHelloStatus.Complete, status);
        Assert.Equal("api.example.com", hello!.ServerName);
        Assert.False(hello.EncryptedClientHello);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public void A_hello_split_over_many_records_is_joined(int fragment)
    {
        var bytes = CraftedClientHello.Records(CraftedClientHello.Handshake("api.example.com"), fragment);

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryParse(bytes, out var hello));
        Assert.Equal("api.example.com", hello!.ServerName);
    }

    [Fact]
    public void Every_prefix_of_a_hello_asks_for_more_and_the_whole_completes()
    {
        // What the proxy sees when the hello arrives one byte per read.
        var bytes = CraftedClientHello.Records(CraftedClientHello.Handshake("api.example.com"), 9);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Equal(ClientHelloStatus.NeedMore, ClientHelloParser.TryParse(bytes.AsSpan(0, length), out _));
        }

        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryParse(bytes, out _));
    }

    [Fact]
    public void A_hello_without_server_name_completes_with_none()
    {
        Assert.Equal(ClientHelloStatus.Complete, ClientHelloParser.TryParse(CraftedClientHello.Records(CraftedClientHello.Handshake(null)), out var hello));
        Assert.Null(hello!.ServerName);
    }

    [Fact]
    public void Encrypted_client_hello_is_reported()
    {
        ClientHelloParser.TryParse(CraftedClientHello.Records(CraftedClientHello.Handshake("public.example.com", ech: true)), out var hello);

        Assert.True(hello!.EncryptedClientHello);
    }

    [Fact]
    public void A_duplicate_extension_is_malformed() =>
        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryParse(CraftedClientHello.Records(CraftedClientHello.Handshake("a.example.com", duplicateSni: true)), out _));

    [Fact]
    public void Plain_http_bytes_are_malformed() =>
        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryParse("GET / HTTP/1.1\r\n\r\n"u8, out _));

    [Fact]
    public void A_record_that_is_not_a_handshake_is_malformed()
    {
        var bytes = CraftedClientHello.Records(CraftedClientHello.Handshake("a.example.com"));
        bytes[0] = 23; // application_data

        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryParse(bytes, out _));
    }

    [Fact]
    public void A_handshake_that_is_not_a_client_hello_is_malformed()
    {
        var handshake = CraftedClientHello.Handshake("a.example.com");
        handshake[0] = 2; // server_hello

        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryParse(CraftedClientHello.Records(handshake), out _));
    }

    [Fact]
    public void A_declared_length_over_the_limit_is_malformed_before_it_arrives()
    {
        byte[] bytes = [22, 3, 1, 0, 4, 1, 0x01, 0x00, 0x00]; // a 64 KiB ClientHello announced in the first record

        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryParse(bytes, out _));
    }

    [Fact]
    public void A_zero_length_record_is_malformed() =>
        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryParse([22, 3, 1, 0, 0], out _));

    [Fact]
    public void A_body_truncated_inside_its_extensions_is_malformed()
    {
        var handshake = CraftedClientHello.Handshake("api.example.com");

        // Shrink the declared handshake length by 3: the extension block now overruns the body.
        var shorter = handshake[..^3];
        var length = shorter.Length - 4;
        shorter[1] = (byte)(length >> 16);
        shorter[2] = (byte)(length >> 8);
        shorter[3] = (byte)length;

        Assert.Equal(ClientHelloStatus.Malformed, ClientHelloParser.TryParse(CraftedClientHello.Records(shorter), out _));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = CraftedClientHello.Records(CraftedClientHello.Handshake("api.example.com"));
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            _ = ClientHelloParser.TryParse(bytes.AsSpan(0, random.Next(bytes.Length + 1)), out _);
        }
    }
}
