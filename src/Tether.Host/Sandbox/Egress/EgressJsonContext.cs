using System.Text.Json.Serialization;

namespace Tether.Host.Sandbox.Egress;

/// <summary>Source-generated JSON for the egress audit log (snake_case fields, nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EgressAuditRecord))]
internal sealed partial class EgressJsonContext : JsonSerializerContext;
