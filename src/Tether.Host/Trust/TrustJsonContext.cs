using System.Text.Json.Serialization;

namespace Tether.Host.Trust;

/// <summary>Source-generated JSON for trust.json (no reflection; trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TrustFile))]
internal sealed partial class TrustJsonContext : JsonSerializerContext;
