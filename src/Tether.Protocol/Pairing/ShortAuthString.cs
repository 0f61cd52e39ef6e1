using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Tether.Protocol.Pairing;

/// <summary>
/// The 8-digit short authentication string of docs/protocol.md §3, derived from the final pairing
/// handshake hash <c>h</c>. The user types the digits the device shows into the host; a relay that
/// substituted a key would have produced a different <c>h</c> on each side, so the codes differ.
/// <code>
/// mac    = HMAC-SHA256(key = h, data = ASCII "tether-sas-v1")
/// value  = u64 big-endian of mac[0..8)
/// digits = decimal(value mod 100000000), left-padded with '0' to 8 characters
/// </code>
/// </summary>
/// <remarks>
/// There is deliberately no value equality: compare with <see cref="FixedTimeEquals"/>, so the time
/// taken says nothing about how many leading digits a guess got right.
/// </remarks>
public sealed class ShortAuthString
{
    /// <summary>8 digits: a blind guess succeeds with 10⁻⁸, and three wrong codes burn the link.</summary>
    public const int DigitCount = 8;

    /// <summary>The size of the Noise SHA-256 handshake hash.</summary>
    public const int HandshakeHashSize = 32;

    /// <summary>Typed input longer than this is refused outright (§3): 8 digits leave room for any sane grouping.</summary>
    public const int MaxInputLength = 64;

    /// <summary>The protocol's code for typed input that <see cref="TryParse"/> refuses (§3).</summary>
    public const string InputErrorCode = "sas-input";

    // 10^8: the bias of reducing a 64-bit value mod 10^8 is below 10^-11 (§3).
    private const ulong Modulus = 100_000_000;

    private readonly byte[] _digits; // ASCII '0'..'9'

    private ShortAuthString(byte[] digits) => _digits = digits;

    /// <summary>The 8 digits without separators, e.g. <c>"12345678"</c>.</summary>
    public string Digits => Encoding.ASCII.GetString(_digits);

    /// <summary>Derives the SAS from the final handshake hash.</summary>
    /// <exception cref="ArgumentException"><paramref name="handshakeHash"/> is not 32 bytes.</exception>
    public static ShortAuthString Derive(ReadOnlySpan<byte> handshakeHash)
    {
        if (handshakeHash.Length != HandshakeHashSize)
        {
            throw PairingExceptions.WrongLength(nameof(handshakeHash), HandshakeHashSize, handshakeHash.Length);
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            HMACSHA256.HashData(handshakeHash, "tether-sas-v1"u8, mac);
            var value = BinaryPrimitives.ReadUInt64BigEndian(mac) % Modulus;
            var digits = new byte[DigitCount];
            for (var i = DigitCount - 1; i >= 0; i--)
            {
                digits[i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            return new ShortAuthString(digits);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(mac);
        }
    }

    /// <summary>
    /// Reads what the user typed (§3): at most 64 characters of ASCII digits, spaces and <c>-</c>,
    /// with exactly 8 digits. Anything else (other whitespace, other dashes, non-ASCII digits) is
    /// refused with <see cref="InputErrorCode"/>.
    /// </summary>
    /// <param name="input">The typed text (untrusted).</param>
    /// <param name="sas">The code, when the input has that shape.</param>
    /// <returns>Whether the input is a well-formed code (not whether it is the right one).</returns>
    public static bool TryParse(ReadOnlySpan<char> input, [NotNullWhen(true)] out ShortAuthString? sas)
    {
        sas = null;
        if (input.Length > MaxInputLength)
        {
            return false;
        }

        var digits = new byte[DigitCount];
        var count = 0;
        foreach (var c in input)
        {
            if (c is >= '0' and <= '9')
            {
                if (count == DigitCount)
                {
                    return false;
                }

                digits[count++] = (byte)c;
            }
            else if (c is not (' ' or '-'))
            {
                return false;
            }
        }

        if (count != DigitCount)
        {
            return false;
        }

        sas = new ShortAuthString(digits);
        return true;
    }

    /// <summary>Whether both codes have the same digits, in time that does not depend on where they differ.</summary>
    public bool FixedTimeEquals(ShortAuthString other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(_digits, other._digits);
    }

    /// <summary>The display form, grouped as <c>"1234 5678"</c>.</summary>
    public override string ToString() => string.Concat(Digits.AsSpan(0, 4), " ", Digits.AsSpan(4));
}
