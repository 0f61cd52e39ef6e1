using System.Buffers.Binary;
using System.Text;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// Reads the server name out of a TLS ClientHello that may span several records and several reads. It is
/// called again with the whole buffer after each read; the buffer is bounded, so re-parsing costs little.
/// </summary>
/// <remarks>
/// Layouts (RFC 8446 sections 5.1 and 4.1.2, RFC 6066 section 3):
/// <code>
/// record:      type(1)=22 handshake | legacy_version(2) | length(2) ≤ 2^14 | fragment
/// handshake:   msg_type(1)=1 client_hello | length(3) | body   (the body may be split across records)
/// body:        legacy_version(2) | random(32) | session_id&lt;0..32&gt; (1-byte length)
///              | cipher_suites&lt;2..2^16-2&gt; (2-byte length) | compression_methods&lt;1..2^8-1&gt; (1-byte length)
///              | extensions&lt;8..2^16-1&gt; (2-byte length): type(2) | length(2) | data
/// server_name: list length(2) | name_type(1)=0 host_name | length(2) | name
/// </code>
/// </remarks>
internal static class ClientHelloParser
{
    private const byte HandshakeRecord = 22;
    private const byte ClientHelloType = 1;
    private const int RecordHeaderLength = 5;
    private const int HandshakeHeaderLength = 4;
    private const int MaxRecordLength = 1 << 14; // RFC 8446 5.1: a plaintext fragment is at most 2^14 bytes.
    private const int RandomLength = 32;
    private const int MaxSessionIdLength = 32;
    private const ushort ServerNameExtension = 0;
    private const ushort EncryptedClientHelloExtension = 0xfe0d; // draft-ietf-tls-esni
    private const byte HostNameType = 0;

    /// <summary>Parses <paramref name="buffer"/>; on <see cref="ClientHelloStatus.Complete"/> sets <paramref name="hello"/>.</summary>
    public static ClientHelloStatus TryParse(ReadOnlySpan<byte> buffer, out ClientHello? hello)
    {
        hello = null;
        var handshake = new byte[Math.Min(buffer.Length, EgressLimits.MaxClientHelloBytes + HandshakeHeaderLength)];
        var gathered = 0;
        var offset = 0;
        while (true)
        {
            if (gathered >= HandshakeHeaderLength)
            {
                if (handshake[0] != ClientHelloType)
                {
                    return ClientHelloStatus.Malformed;
                }

                var length = (handshake[1] << 16) | (handshake[2] << 8) | handshake[3];
                if (length > EgressLimits.MaxClientHelloBytes)
                {
                    return ClientHelloStatus.Malformed;
                }

                if (gathered >= HandshakeHeaderLength + length)
                {
                    hello = ParseBody(handshake.AsSpan(HandshakeHeaderLength, length));
                    return hello is null ? ClientHelloStatus.Malformed : ClientHelloStatus.Complete;
                }
            }

            if (buffer.Length - offset < RecordHeaderLength)
            {
                return ClientHelloStatus.NeedMore;
            }

            var header = buffer.Slice(offset, RecordHeaderLength);
            var recordLength = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
            if (header[0] != HandshakeRecord || header[1] != 3 || recordLength == 0 || recordLength > MaxRecordLength)
            {
                return ClientHelloStatus.Malformed;
            }

            if (buffer.Length - offset - RecordHeaderLength < recordLength)
            {
                return ClientHelloStatus.NeedMore;
            }

            var fragment = buffer.Slice(offset + RecordHeaderLength, recordLength);
            if (gathered + fragment.Length > handshake.Length)
            {
                // More handshake bytes than the limit allows (or a second message after the hello): refuse.
                return ClientHelloStatus.Malformed;
            }

            fragment.CopyTo(handshake.AsSpan(gathered));
            gathered += fragment.Length;
            offset += RecordHeaderLength + recordLength;
        }
    }

    private static ClientHello? ParseBody(ReadOnlySpan<byte> body)
    {
        var reader = new SpanReader(body);
        if (!reader.Skip(2 + RandomLength)
            || !reader.Vector(1, out var sessionId) || sessionId.Length > MaxSessionIdLength
            || !reader.Vector(2, out var suites) || suites.Length < 2 || suites.Length % 2 != 0
            || !reader.Vector(1, out var compression) || compression.Length < 1)
        {
            return null;
        }

        if (reader.Remaining == 0)
        {
            return new ClientHello(null, false); // No extensions at all, so no SNI.
        }

        if (!reader.Vector(2, out var extensions) || reader.Remaining != 0)
        {
            return null;
        }

        string? serverName = null;
        var ech = false;
        var seen = new HashSet<ushort>();
        var list = new SpanReader(extensions);
        while (list.Remaining > 0)
        {
            if (!list.UInt16(out var type) || !list.Vector(2, out var data) || !seen.Add(type))
            {
                return null; // Truncated, or a duplicate extension (RFC 8446 4.2 forbids them).
            }

            if (type == EncryptedClientHelloExtension)
            {
                ech = true;
            }
            else if (type == ServerNameExtension)
            {
                serverName = ParseServerName(data);
                if (serverName is null)
                {
                    return null;
                }
            }
        }

        return new ClientHello(serverName, ech);
    }

    private static string? ParseServerName(ReadOnlySpan<byte> data)
    {
        var reader = new SpanReader(data);
        if (!reader.Vector(2, out var names) || reader.Remaining != 0)
        {
            return null;
        }

        var entries = new SpanReader(names);
        while (entries.Remaining > 0)
        {
            if (!entries.Byte(out var nameType) || !entries.Vector(2, out var name))
            {
                return null;
            }

            if (nameType == HostNameType)
            {
                foreach (var b in name)
                {
                    if (b is < 0x21 or > 0x7e)
                    {
                        return null; // RFC 6066: ASCII, no trailing dot rules aside; control bytes mean garbage.
                    }
                }

                return name.Length == 0 ? null : Encoding.ASCII.GetString(name);
            }
        }

        return null;
    }
}
