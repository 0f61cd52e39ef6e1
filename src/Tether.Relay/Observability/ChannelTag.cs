using System.Security.Cryptography;
using Tether.Protocol.Relay;

namespace Tether.Relay.Observability;

/// <summary>
/// How a channel appears in logs: 12 hex characters of HMAC-SHA256 under a random salt made once per
/// process. Lines of one process can be correlated; nobody can tell which channel a tag stands for,
/// or match tags across restarts or nodes (a log is no map of who uses the relay).
/// </summary>
internal static class ChannelTag
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(32);

    public static string For(RelayId channel)
    {
        Span<byte> id = stackalloc byte[RelayId.Length];
        channel.WriteTo(id);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Salt, id, mac);
        return Convert.ToHexStringLower(mac[..6]);
    }
}
