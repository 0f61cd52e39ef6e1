using Tether.Protocol.Noise;
using Xunit.Abstractions;
using Tether.Protocol.Tests.Support;

namespace Tether.Protocol.Tests.Noise;

[Trait("Category", "Vectors")]
public sealed class NoiseVectorTests(ITestOutputHelper output)
{
    [Fact]
    public void AllVectorFiles_EveryVector_MatchesPublishedBytes()
    {
        string directory = RepositoryPaths.NoiseVectors;
        Assert.True(Directory.Exists(directory), $"Noise vector directory not found: {directory}");

        int passed = 0, skipped = 0;
        var failures = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            foreach (NoiseVector vector in NoiseVector.Load(file))
            {
                if (!IsSupported(vector.ProtocolName))
                {
                    skipped++;
                    continue;
                }

                string? failure = NoiseVectorRunner.Run(vector);
                if (failure is null)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"{Path.GetFileName(file)} {vector.ProtocolName}: {failure}");
                }
            }
        }

        string summary = $"noise vectors: {passed} passed, {failures.Count} failed, {skipped} skipped";
        VisibleOutput.WriteLine(summary);
        output.WriteLine(summary);
        failures.ForEach(output.WriteLine);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Prepend(summary)));
        Assert.True(passed + failures.Count > 0, $"No vectors ran from {directory}.");
    }

    // Other suites (448, BLAKE2, SHA512, fallback) may sit in the directory; they are counted as skipped.
    private static bool IsSupported(string protocolName)
    {
        try
        {
            NoiseProtocol.Parse(protocolName);
            return true;
        }
        catch (UnsupportedProtocolException)
        {
            return false;
        }
    }
}
