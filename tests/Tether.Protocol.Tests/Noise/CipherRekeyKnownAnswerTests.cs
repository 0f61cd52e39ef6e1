using Tether.Protocol.Noise;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Noise;

/// <summary>
/// The <c>rekey</c> array of tests/vectors/rekey.json (docs/protocol.md §1.2): Noise's Rekey() for
/// both ciphers, pinned by ciphertexts computed outside this code base.
/// </summary>
public sealed class CipherRekeyKnownAnswerTests
{
    private const string FileName = "rekey.json";

    public static TheoryData<string> Cases => KnownAnswers.Ids(FileName, "rekey", Id);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rekey_GivesTheKnownKey_AndTheNonceCarriesOn(string id)
    {
        var c = KnownAnswers.Case(FileName, "rekey", Id, id);
        var kind = c.Str("cipher") == "AESGCM" ? CipherKind.AesGcm : CipherKind.ChaChaPoly;
        var nonce = c.GetProperty("nonce").GetUInt64();
        var plaintext = c.Hex("plaintext");

        Assert.Equal(c.Hex("ciphertextBefore"), Seal(kind, c.Hex("key"), rekeyFirst: false, nonce, plaintext));
        Assert.Equal(c.Hex("ciphertextAfter"), Seal(kind, c.Hex("key"), rekeyFirst: true, nonce, plaintext));
        // The rekeyed key itself, used directly, seals the same: Rekey() derived exactly that key.
        Assert.Equal(c.Hex("ciphertextAfter"), Seal(kind, c.Hex("rekeyed"), rekeyFirst: false, nonce, plaintext));
    }

    private static byte[] Seal(CipherKind kind, byte[] key, bool rekeyFirst, ulong nonce, byte[] plaintext)
    {
        using var state = new CipherState(kind);
        state.InitializeKey(key);
        if (rekeyFirst)
        {
            state.Rekey();
        }

        state.SetNonce(nonce);
        var ciphertext = new byte[plaintext.Length + NoiseLimits.TagLength];
        state.EncryptWithAd(ReadOnlySpan<byte>.Empty, plaintext, ciphertext);
        return ciphertext;
    }

    private static string Id(System.Text.Json.JsonElement c) =>
        $"{c.Str("cipher")} key {c.Str("key")[..8]} nonce {c.GetProperty("nonce").GetUInt64()}";
}
