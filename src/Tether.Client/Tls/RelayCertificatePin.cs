using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tether.Client.Tls;

/// <summary>
/// A pinned relay certificate for self-hosters: the SHA-256 of the certificate's
/// <b>SubjectPublicKeyInfo</b> (SPKI), not of the whole certificate, so that renewing a certificate
/// with the same key keeps working. The same value as curl's <c>--pinnedpubkey sha256//…</c> and
/// <c>openssl x509 -in relay.crt -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256</c>.
/// </summary>
/// <remarks>
/// A pin <b>replaces</b> chain and host-name validation (a self-signed certificate has no chain, and
/// a relay reached by address has no name): the server must present a certificate whose key matches
/// a pin, or the connection fails. There is no way to turn certificate checking off.
/// </remarks>
public sealed class RelayCertificatePin : IEquatable<RelayCertificatePin>
{
    /// <summary>Bytes of a SHA-256 digest.</summary>
    public const int Length = 32;

    private const string Base64Prefix = "sha256/";

    private readonly byte[] _hash;

    private RelayCertificatePin(byte[] hash) => _hash = hash;

    /// <summary>A pin from a 32-byte SPKI SHA-256 digest.</summary>
    public static RelayCertificatePin FromSpkiSha256(ReadOnlySpan<byte> hash) =>
        hash.Length == Length ? new RelayCertificatePin(hash.ToArray()) : throw new ArgumentException($"An SPKI SHA-256 pin is {Length} bytes.", nameof(hash));

    /// <summary>The pin of <paramref name="certificate"/>'s public key.</summary>
    public static RelayCertificatePin Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new RelayCertificatePin(SpkiSha256(certificate));
    }

    /// <summary>
    /// Parses <c>sha256/&lt;base64&gt;</c> (curl's form, one or two slashes) or 64 hex digits (colons allowed);
    /// false for anything else.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RelayCertificatePin? pin)
    {
        pin = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var hash = new byte[Length];
        if (trimmed.StartsWith(Base64Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var base64 = trimmed[Base64Prefix.Length..].TrimStart('/');
            if (!Convert.TryFromBase64String(base64, hash, out var written) || written != Length)
            {
                return false;
            }
        }
        else
        {
            var hex = trimmed.Replace(":", string.Empty, StringComparison.Ordinal);
            if (hex.Length != 2 * Length || Convert.FromHexString(hex, hash, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length)
            {
                return false;
            }
        }

        pin = new RelayCertificatePin(hash);
        return true;
    }

    /// <summary>Whether <paramref name="certificate"/>'s public key is the pinned one.</summary>
    public bool Matches(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CryptographicOperations.FixedTimeEquals(_hash, SpkiSha256(certificate));
    }

    /// <inheritdoc />
    public bool Equals(RelayCertificatePin? other) => other is not null && _hash.AsSpan().SequenceEqual(other._hash);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RelayCertificatePin);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    /// <summary>curl's form, <c>sha256//&lt;base64&gt;</c>. A pin is public: it identifies a key, it is not one.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"sha256//{Convert.ToBase64String(_hash)}";

    private static byte[] SpkiSha256(X509Certificate2 certificate) =>
        SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());
}
