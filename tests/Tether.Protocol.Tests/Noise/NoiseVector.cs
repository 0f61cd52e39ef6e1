using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tether.Protocol.Tests.Noise;

/// <summary>One vector of the cacophony JSON format ({"vectors":[...]}, hex strings, snake_case names).</summary>
internal sealed record NoiseVector(
    string ProtocolName,
    string? InitPrologue,
    IReadOnlyList<string>? InitPsks,
    string? InitStatic,
    string? InitEphemeral,
    string? InitRemoteStatic,
    string? RespPrologue,
    IReadOnlyList<string>? RespPsks,
    string? RespStatic,
    string? RespEphemeral,
    string? RespRemoteStatic,
    string? HandshakeHash,
    IReadOnlyList<NoiseVectorMessage> Messages)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IReadOnlyList<NoiseVector> Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<VectorFile>(stream, Json)?.Vectors ?? [];
    }

    private sealed record VectorFile([property: JsonPropertyName("vectors")] IReadOnlyList<NoiseVector> Vectors);
}
