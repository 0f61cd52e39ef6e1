using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Tether.Protocol.Relay;

/// <summary>
/// Makes and checks connect tokens with a deployment's HMAC keys (docs/protocol.md §7.2). Stateless:
/// any node holding the same keys verifies any node's tokens.
/// </summary>
/// <remarks>
/// Layout (83 bytes): version (1) | key id (1) | role (1) | channel (16) | subject (16) |
/// expires (u64) | horizon (u64) | HMAC-SHA256(key, "tether/1 relay-token" ‖ bytes 0..51) (32).
/// </remarks>
public sealed class ConnectTokenIssuer
{
    private const byte Version = 1;
    private const int SignedLength = 51;
    private const int MacLength = 32;

    private readonly IReadOnlyList<RelayTokenKey> _keys;
    private readonly RelayTokenKey _current;
    private readonly TimeProvider _time;

    /// <param name="keys">Every key that verifies; the first one signs new tokens.</param>
    /// <param name="options">Lifetimes and skew.</param>
    /// <param name="time">The clock.</param>
    public ConnectTokenIssuer(IReadOnlyList<RelayTokenKey> keys, ConnectTokenOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0 || keys.Select(k => k.Id).Distinct().Count() != keys.Count)
        {
            throw new ArgumentException("At least one relay token key, with distinct ids.", nameof(keys));
        }

        _keys = keys;
        _current = keys[0];
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The lifetimes in force.</summary>
    public ConnectTokenOptions Options { get; }

    /// <summary>Now, as Unix seconds.</summary>
    public ulong Now => (ulong)_time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// A token for <paramref name="role"/> on <paramref name="channel"/>, expiring after the lifetime
    /// or at <paramref name="horizon"/>, whichever is sooner.
    /// </summary>
    /// <returns>The token bytes and their expiry.</returns>
    public (byte[] Token, ulong Expires) Issue(RelayRole role, RelayId channel, RelayId subject, ulong horizon)
    {
        if (role is not (RelayRole.Host or RelayRole.Device))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Only hosts and devices get connect tokens.");
        }

        var expires = Math.Min(Now + (ulong)Options.Lifetime.TotalSeconds, horizon);
        var token = new byte[ConnectToken.Length];
        token[0] = Version;
        token[1] = _current.Id;
        token[2] = (byte)role;
        channel.WriteTo(token.AsSpan(3));
        subject.WriteTo(token.AsSpan(19));
        BinaryPrimitives.WriteUInt64BigEndian(token.AsSpan(35), expires);
        BinaryPrimitives.WriteUInt64BigEndian(token.AsSpan(43), horizon);
        Mac(_current, token.AsSpan(0, SignedLength), token.AsSpan(SignedLength));
        return (token, expires);
    }

    /// <summary>
    /// Checks a token from the wire for a connection to <paramref name="channel"/> as <paramref name="role"/>.
    /// False for anything else: wrong length or version, unknown key, bad MAC, other channel or role, expired.
    /// </summary>
    public bool TryVerify(ReadOnlySpan<byte> token, RelayId channel, RelayRole role, out ConnectToken verified)
    {
        verified = default;
        if (token.Length != ConnectToken.Length || token[0] != Version)
        {
            return false;
        }

        var key = FindKey(token[1]);
        if (key is null)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[MacLength];
        Mac(key, token[..SignedLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, token[SignedLength..]))
        {
            return false;
        }

        var parsed = new ConnectToken(
            token[1],
            (RelayRole)token[2],
            RelayId.Read(token.Slice(3, RelayId.Length)),
            RelayId.Read(token.Slice(19, RelayId.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(token[35..]),
            BinaryPrimitives.ReadUInt64BigEndian(token[43..]));
        if (parsed.Channel != channel || parsed.Role != role || IsExpired(parsed.Expires))
        {
            return false;
        }

        verified = parsed;
        return true;
    }

    /// <summary>Whether a Unix-seconds expiry has passed, allowing the clock skew.</summary>
    public bool IsExpired(ulong expires) => Now >= expires + (ulong)Options.ClockSkew.TotalSeconds;

    private RelayTokenKey? FindKey(byte id)
    {
        foreach (var key in _keys)
        {
            if (key.Id == id)
            {
                return key;
            }
        }

        return null;
    }

    private static void Mac(RelayTokenKey key, ReadOnlySpan<byte> signed, Span<byte> mac)
    {
        Span<byte> data = stackalloc byte[RelayDomain.Token.Length + SignedLength];
        RelayDomain.Token.CopyTo(data);
        signed.CopyTo(data[RelayDomain.Token.Length..]);
        key.Mac(data, mac);
    }
}
