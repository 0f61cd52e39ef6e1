using System.Text.Json.Serialization;

namespace Tether.Client.Storage;

/// <summary>Source-generated JSON for the device side's files (no reflection; trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PairedHostFile))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
