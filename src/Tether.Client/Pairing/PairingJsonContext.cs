using System.Text.Json.Serialization;

namespace Tether.Client.Pairing;

/// <summary>
/// Source-generated JSON for <see cref="PairingMessage"/>: no reflection, and strict reading (an
/// unknown or repeated member is an error, not something silently ignored).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PairingMessage))]
internal sealed partial class PairingJsonContext : JsonSerializerContext;
