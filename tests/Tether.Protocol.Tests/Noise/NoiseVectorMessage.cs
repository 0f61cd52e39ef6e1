namespace Tether.Protocol.Tests.Noise;

/// <summary>One message of a cacophony vector: hex payload and the expected hex ciphertext.</summary>
internal sealed record NoiseVectorMessage(string Payload, string Ciphertext);
