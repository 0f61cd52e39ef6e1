using System.Security.Cryptography;

namespace Tether.Protocol.Relay;

/// <summary>
/// The one-time credential a device being paired shows the relay (docs/protocol.md §7.4), derived
/// from the pairing link's PSK so that the link needs no relay token and the relay never sees the PSK.
/// </summary>
public static class PairingAccessCode
{
    /// <summary>Bytes of an access code and of its verifier.</summary>
    public const int Length = 32;

    /// <summary><c>HKDF-SHA256(ikm = PSK, salt = empty, info = "tether/1 relay pairing", 32)</c>.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> psk)
    {
        if (psk.Length != 32)
        {
            throw new ArgumentException("A pairing PSK is 32 bytes.", nameof(psk));
        }

        var access = new byte[Length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, psk, access, salt: [], info: RelayDomain.Pairing);
        return access;
    }

    /// <summary><c>SHA-256(access)</c>: what the host registers with PAIR_OPEN.</summary>
    public static byte[] Verifier(ReadOnlySpan<byte> access)
    {
        if (access.Length != Length)
        {
            throw new ArgumentException($"A pairing access code is {Length} bytes.", nameof(access));
        }

        return SHA256.HashData(access);
    }
}
