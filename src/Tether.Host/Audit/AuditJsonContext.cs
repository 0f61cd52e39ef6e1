using System.Text.Json.Serialization;

namespace Tether.Host.Audit;

/// <summary>Source-generated JSON for <c>audit.head</c>. Records themselves are written field by field (<see cref="AuditLine"/>), so their bytes never depend on a serializer's choices.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(AuditHead))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
