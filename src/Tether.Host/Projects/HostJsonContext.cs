using System.Text.Json.Serialization;
using Tether.Host.Devices;

namespace Tether.Host.Projects;

/// <summary>Source-generated JSON for the host's files (no reflection; trimming-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(HostKeyFile))]
[JsonSerializable(typeof(DevicesFile))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
