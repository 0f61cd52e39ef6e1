using System.Text.Json.Serialization;

namespace Tether.Client.Pairing;

/// <summary>
/// One JSON message of the pairing exchange after the SAS (docs/protocol.md §8.3). A single shape
/// with every member optional, so that one strict deserializer reads them all;
/// <see cref="PairingMessages.TryDecode"/> then checks that exactly the members of its
/// <see cref="Type"/> are present.
/// </summary>
internal sealed class PairingMessage
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("attempts_left")]
    public int? AttemptsLeft { get; set; }

    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("relay")]
    public string? Relay { get; set; }

    [JsonPropertyName("certificate")]
    public string? Certificate { get; set; }

    [JsonPropertyName("host_name")]
    public string? HostName { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
