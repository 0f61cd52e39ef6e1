using System.ComponentModel;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// A connect token the relay issued (WELCOME or TOKEN), with the expiry it stated. Save it to skip
/// the proof on the next connection; a refused token only costs one extra round (the client falls
/// back to a proof). Opaque to the client: the relay alone judges it.
/// </summary>
public sealed class RelayToken
{
    private readonly byte[] _bytes;

    /// <summary>A token as received (or as saved).</summary>
    /// <param name="bytes">The 83 token bytes; copied.</param>
    /// <param name="expires">The relay's stated expiry, Unix seconds.</param>
    public RelayToken(ReadOnlySpan<byte> bytes, ulong expires)
    {
        if (bytes.Length != ConnectToken.Length)
        {
            throw new ArgumentException($"A connect token is {ConnectToken.Length} bytes.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
        Expires = expires;
    }

    /// <summary>The relay's stated expiry, Unix seconds.</summary>
    public ulong Expires { get; }

    /// <summary>The token bytes (a copy), for saving.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Time left by <paramref name="time"/>'s clock (negative when past).</summary>
    public TimeSpan RemainingAt(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return TimeSpan.FromSeconds((double)Expires - time.GetUtcNow().ToUnixTimeSeconds());
    }

    internal byte[] CreateHello(RelayRole role) => RelayFrames.Hello(role, HelloKind.Token, _bytes);

    /// <summary>Never prints the token.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"{nameof(RelayToken)}(expires {Expires})";
}
