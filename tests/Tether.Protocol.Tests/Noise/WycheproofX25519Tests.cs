using System.Text.Json;
using Tether.Protocol.Noise;
using Xunit.Abstractions;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Noise;

/// <summary>
/// Wycheproof x25519_test.json against the Noise DH layer: every all-zero shared secret must be refused,
/// every other case ("valid", and "acceptable" twist or non-canonical inputs) must give exactly "shared".
/// </summary>
[Trait("Category", "Vectors")]
public sealed class WycheproofX25519Tests(ITestOutputHelper output)
{
    [Fact]
    public void EveryCase_ZeroSharedSecretRefused_OthersMatchPublishedSecret()
    {
        string path = RepositoryPaths.WycheproofX25519;
        Assert.True(File.Exists(path), $"Wycheproof file not found: {path}");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));

        int refused = 0, matchedValid = 0, matchedAcceptable = 0;
        var failures = new List<string>();
        foreach (JsonElement test in document.RootElement.GetProperty("testGroups").EnumerateArray()
            .SelectMany(group => group.GetProperty("tests").EnumerateArray()))
        {
            int id = test.GetProperty("tcId").GetInt32();
            string result = test.GetProperty("result").GetString()!;
            byte[] expected = Convert.FromHexString(test.GetProperty("shared").GetString()!);
            using var local = NoiseKeyPair.FromPrivateKey(Convert.FromHexString(test.GetProperty("private").GetString()!));
            NoisePublicKey remote = NoisePublicKey.FromBytes(Convert.FromHexString(test.GetProperty("public").GetString()!));
            var shared = new byte[32];
            try
            {
                X25519Dh.Agree(local, remote, shared);
                if (expected.All(b => b == 0))
                {
                    failures.Add($"tcId {id}: all-zero secret was accepted");
                }
                else if (!shared.AsSpan().SequenceEqual(expected))
                {
                    failures.Add($"tcId {id} ({result}): shared secret differs");
                }
                else if (result == "valid")
                {
                    matchedValid++;
                }
                else
                {
                    matchedAcceptable++;
                }
            }
            catch (WeakPublicKeyException)
            {
                if (expected.All(b => b == 0))
                {
                    refused++;
                }
                else
                {
                    failures.Add($"tcId {id}: refused a non-zero secret");
                }
            }
        }

        string summary = $"wycheproof x25519: {refused} zero-secret cases refused, {matchedValid} valid and {matchedAcceptable} acceptable cases matched, {failures.Count} failed";
        VisibleOutput.WriteLine(summary);
        output.WriteLine(summary);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Prepend(summary)));
        Assert.True(refused > 0 && matchedValid > 0, summary);
    }
}
