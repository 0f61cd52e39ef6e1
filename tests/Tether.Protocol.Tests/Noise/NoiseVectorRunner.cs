using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

/// <summary>
/// Replays one cacophony vector: both parties with fixed ephemerals, every handshake message checked in
/// both directions, then the transport messages, then the handshake hash.
/// </summary>
internal static class NoiseVectorRunner
{
    /// <summary>Returns null on success, or why the vector failed.</summary>
    public static string? Run(NoiseVector vector)
    {
        var keys = new List<IDisposable>();
        try
        {
            NoiseProtocol protocol = NoiseProtocol.Parse(vector.ProtocolName);
            using var initiator = NoiseHandshake.Create(protocol, NoiseRole.Initiator, Options(
                vector.InitPrologue, vector.InitPsks, vector.InitStatic, vector.InitEphemeral, vector.InitRemoteStatic, keys));
            using var responder = NoiseHandshake.Create(protocol, NoiseRole.Responder, Options(
                vector.RespPrologue, vector.RespPsks, vector.RespStatic, vector.RespEphemeral, vector.RespRemoteStatic, keys));

            int index = 0;
            for (; !initiator.IsComplete; index++)
            {
                (NoiseHandshake writer, NoiseHandshake reader) = initiator.IsMyTurn ? (initiator, responder) : (responder, initiator);
                NoiseVectorMessage message = vector.Messages[index];
                byte[] ciphertext = writer.WriteMessage(Convert.FromHexString(message.Payload));
                Expect($"handshake message {index} ciphertext", message.Ciphertext, ciphertext);
                byte[] payload = reader.ReadMessage(Convert.FromHexString(message.Ciphertext));
                Expect($"handshake message {index} payload", message.Payload, payload);
            }

            if (!responder.IsComplete)
            {
                return "responder did not complete";
            }

            if (vector.HandshakeHash is not null)
            {
                Expect("initiator handshake hash", vector.HandshakeHash, initiator.HandshakeHash.ToArray());
                Expect("responder handshake hash", vector.HandshakeHash, responder.HandshakeHash.ToArray());
            }

            using NoiseTransport initiatorTransport = initiator.Split();
            using NoiseTransport responderTransport = responder.Split();
            for (; index < vector.Messages.Count; index++)
            {
                // One-way patterns only ever send initiator to responder. Interactive ones keep alternating
                // by overall message index (as the handshake did), so after a 3-message handshake the
                // responder sends first; that is what the cacophony vectors encode.
                bool fromInitiator = protocol.IsOneWay || index % 2 == 0;
                (NoiseTransport sender, NoiseTransport receiver) = fromInitiator
                    ? (initiatorTransport, responderTransport)
                    : (responderTransport, initiatorTransport);
                NoiseVectorMessage message = vector.Messages[index];
                Expect($"transport message {index} ciphertext", message.Ciphertext, sender.Encrypt(Convert.FromHexString(message.Payload)));
                Expect($"transport message {index} payload", message.Payload, receiver.Decrypt(Convert.FromHexString(message.Ciphertext)));
            }

            return null;
        }
        catch (Exception ex) when (ex is NoiseException or VectorMismatchException or ArgumentException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    private static NoiseHandshakeOptions Options(
        string? prologue, IReadOnlyList<string>? psks, string? localStatic, string? ephemeral, string? remoteStatic, List<IDisposable> keys)
    {
        var presharedKeys = (psks ?? []).Select(p => NoisePresharedKey.FromBytes(Convert.FromHexString(p))).ToList();
        keys.AddRange(presharedKeys);
        return new NoiseHandshakeOptions
        {
            Prologue = Convert.FromHexString(prologue ?? string.Empty),
            Psks = presharedKeys,
            LocalStatic = Track(localStatic, keys),
            FixedEphemeral = Track(ephemeral, keys),
            RemoteStatic = remoteStatic is null ? null : NoisePublicKey.FromBytes(Convert.FromHexString(remoteStatic)),
        };
    }

    private static NoiseKeyPair? Track(string? privateKeyHex, List<IDisposable> keys)
    {
        if (privateKeyHex is null)
        {
            return null;
        }

        var pair = NoiseKeyPair.FromPrivateKey(Convert.FromHexString(privateKeyHex));
        keys.Add(pair);
        return pair;
    }

    private static void Expect(string what, string expectedHex, byte[] actual)
    {
        if (!string.Equals(expectedHex, Convert.ToHexStringLower(actual), StringComparison.OrdinalIgnoreCase))
        {
            throw new VectorMismatchException($"{what} differs");
        }
    }
}
