using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Tether.Protocol.Pairing;

/// <summary>
/// A pairing link (docs/protocol.md §2): <c>&lt;relay URL&gt;/pair#&lt;payload, base64url&gt;</c>. The
/// host shows it as a QR code; the fragment never reaches the relay, so the relay never learns the PSK.
/// </summary>
/// <remarks>
/// The link is a credential: <see cref="ToString"/> redacts it, the text form is only produced by
/// <see cref="ToLinkString"/>, and <see cref="Dispose"/> zeroes the PSK once the link is used,
/// burnt (three wrong codes) or expired. An instance is always valid: the parsers and
/// <see cref="Create"/> refuse exactly the same things.
/// </remarks>
[DebuggerDisplay("PairingLink (redacted)")]
public sealed class PairingLink : IDisposable
{
    /// <summary>The payload version this implementation writes and accepts.</summary>
    public const byte Version = PairingPayload.Version;

    /// <summary>The size of a relay channel id.</summary>
    public const int ChannelIdSize = 16;

    /// <summary>The size of an X25519 public key.</summary>
    public const int PublicKeySize = 32;

    private readonly byte[] _channelId;
    private readonly byte[] _hostStaticKey;

    internal PairingLink(string relayUrl, byte[] channelId, byte[] hostStaticKey, PairingSecret psk, ulong expiryUnixSeconds)
    {
        RelayUrl = relayUrl;
        _channelId = channelId;
        _hostStaticKey = hostStaticKey;
        Psk = psk;
        ExpiryUnixSeconds = expiryUnixSeconds;
    }

    /// <summary>A link is one-time and expires 10 minutes after it is made (§2.3).</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The relay URL (§2.2), exactly as carried in the payload.</summary>
    public string RelayUrl { get; }

    /// <summary>The relay channel the host listens on.</summary>
    public ReadOnlySpan<byte> ChannelId => _channelId;

    /// <summary>The host's static X25519 public key; the device pins it for every later session.</summary>
    public ReadOnlySpan<byte> HostStaticKey => _hostStaticKey;

    /// <summary>The one-time PSK for <c>Noise_IKpsk2</c>.</summary>
    public PairingSecret Psk { get; }

    /// <summary>The expiry, Unix time in seconds (u64, as on the wire).</summary>
    public ulong ExpiryUnixSeconds { get; }

    /// <summary>Parses a whole link (<c>&lt;relay URL&gt;/pair#&lt;payload&gt;</c>), checking §2.3 in order.</summary>
    /// <param name="link">The scanned or pasted link (untrusted).</param>
    /// <param name="now">The current time; a link whose expiry is at or before it is refused.</param>
    /// <param name="result">The link, when valid; the caller owns it and should dispose it.</param>
    /// <param name="error">Why the link was refused, or <see cref="PairingLinkError.None"/>.</param>
    /// <returns>Whether the link is valid.</returns>
    public static bool TryParse(string link, DateTimeOffset now, [NotNullWhen(true)] out PairingLink? result, out PairingLinkError error)
    {
        ArgumentNullException.ThrowIfNull(link);
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            result = null;
            error = PairingLinkError.Link;
            return false;
        }

        return PairingPayload.TryDecode(link.AsSpan(hash + 1), isWholeLink: true, link.AsSpan(0, hash), now, out result, out error);
    }

    /// <summary>Parses a bare payload (the link's fragment, without <c>#</c>), checking §2.3 in order.</summary>
    /// <param name="payload">The base64url payload (untrusted).</param>
    /// <param name="now">The current time; a link whose expiry is at or before it is refused.</param>
    /// <param name="result">The link, when valid; the caller owns it and should dispose it.</param>
    /// <param name="error">Why the payload was refused, or <see cref="PairingLinkError.None"/>.</param>
    /// <returns>Whether the payload is valid.</returns>
    public static bool TryParsePayload(
        string payload, DateTimeOffset now, [NotNullWhen(true)] out PairingLink? result, out PairingLinkError error)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return PairingPayload.TryDecode(payload, isWholeLink: false, default, now, out result, out error);
    }

    /// <summary>Makes a link from its fields, refusing whatever a parser at <paramref name="now"/> would refuse.</summary>
    /// <param name="relayUrl">The relay URL (§2.2).</param>
    /// <param name="channelId">16 bytes.</param>
    /// <param name="hostStaticKey">32 bytes, not all zero.</param>
    /// <param name="psk">32 bytes, not all zero; copied.</param>
    /// <param name="expiryUnixSeconds">Unix seconds, after <paramref name="now"/>.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="ArgumentException">A field has the wrong size, or a parser would refuse the link (the message starts with its code).</exception>
    public static PairingLink Create(
        string relayUrl,
        ReadOnlySpan<byte> channelId,
        ReadOnlySpan<byte> hostStaticKey,
        ReadOnlySpan<byte> psk,
        ulong expiryUnixSeconds,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(relayUrl);
        CheckSize(channelId, ChannelIdSize, nameof(channelId));
        CheckSize(hostStaticKey, PublicKeySize, nameof(hostStaticKey));
        CheckSize(psk, PairingSecret.Size, nameof(psk));

        // Check the length before the stackalloc; RelayUrlGrammar.IsValid refuses non-ASCII.
        if (relayUrl.Length > RelayUrlGrammar.MaxLength || !RelayUrlGrammar.IsValid(relayUrl))
        {
            throw PairingExceptions.Refused(PairingLinkError.RelayUrl);
        }

        Span<byte> url = stackalloc byte[relayUrl.Length];
        for (var i = 0; i < url.Length; i++)
        {
            url[i] = (byte)relayUrl[i];
        }

        var error = PairingPayload.CheckFields(url, hostStaticKey, psk, expiryUnixSeconds, now);
        if (error != PairingLinkError.None)
        {
            throw PairingExceptions.Refused(error);
        }

        return new PairingLink(relayUrl, channelId.ToArray(), hostStaticKey.ToArray(), new PairingSecret(psk), expiryUnixSeconds);
    }

    /// <summary>Makes a fresh link for the host: a random PSK, expiring <see cref="Lifetime"/> after <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">A field has the wrong size or a parser would refuse the link.</exception>
    public static PairingLink Generate(string relayUrl, ReadOnlySpan<byte> channelId, ReadOnlySpan<byte> hostStaticKey, DateTimeOffset now)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(nowSeconds, nameof(now));
        var expiry = (ulong)nowSeconds + (ulong)Lifetime.TotalSeconds;

        using var psk = PairingSecret.Generate();
        return Create(relayUrl, channelId, hostStaticKey, psk.AsSpan(), expiry, now);
    }

    /// <summary>Whether the link has expired at <paramref name="now"/> (expiry ≤ now).</summary>
    public bool IsExpired(DateTimeOffset now) => PairingPayload.IsExpired(ExpiryUnixSeconds, now);

    /// <summary>The base64url payload (the fragment). It contains the PSK: treat it as a credential.</summary>
    /// <exception cref="ObjectDisposedException">The PSK was zeroed.</exception>
    public string ToPayloadString()
    {
        Span<byte> bytes = stackalloc byte[PairingPayload.MaxSize];
        try
        {
            var length = PairingPayload.Write(this, bytes);
            return CanonicalBase64Url.Encode(bytes[..length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The whole link, <c>&lt;relay URL&gt;/pair#&lt;payload&gt;</c>. It is a credential: show it, never log it.</summary>
    /// <exception cref="ObjectDisposedException">The PSK was zeroed.</exception>
    public string ToLinkString() => RelayUrl + PairingPayload.PathSuffix + "#" + ToPayloadString();

    /// <summary>Zeroes the PSK; the link can no longer be encoded or used for pairing.</summary>
    public void Dispose() => Psk.Dispose();

    /// <summary>The relay and expiry only: the link is a credential and must not reach a log.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"PairingLink (relay {RelayUrl}, expiry {ExpiryUnixSeconds}, credential redacted)";

    private static void CheckSize(ReadOnlySpan<byte> value, int size, string paramName)
    {
        if (value.Length != size)
        {
            throw PairingExceptions.WrongLength(paramName, size, value.Length);
        }
    }
}
