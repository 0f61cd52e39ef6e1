using System.Buffers.Binary;
using System.Security.Cryptography;
using Tether.Protocol.Noise;

namespace Tether.Bench;

/// <summary>
/// One transport message sealed by one side and opened by the other, against .NET's AesGcm doing the
/// same seal and open on the same buffers with a counter nonce. The ratio is Noise's own overhead.
/// </summary>
internal sealed class TransportBench : IDisposable
{
    private readonly NoiseTransport _sender;
    private readonly NoiseTransport _receiver;
    private readonly AesGcm _aes;
    private readonly byte[] _payload;
    private readonly byte[] _message;
    private readonly byte[] _opened;
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private ulong _counter;

    public TransportBench(int size)
    {
        (_sender, _receiver) = Pair();
        var key = RandomNumberGenerator.GetBytes(32);
        _aes = new AesGcm(key, tagSizeInBytes: 16);
        CryptographicOperations.ZeroMemory(key);
        _payload = RandomNumberGenerator.GetBytes(size);
        _message = new byte[size + 16];
        _opened = new byte[size];
    }

    public Comparison Run(string name, int opsPerRound, int rounds) =>
        Measurement.Compare(name, RawAesGcm, Noise, opsPerRound, rounds);

    private void Noise(int ops)
    {
        for (var i = 0; i < ops; i++)
        {
            var n = _sender.Encrypt(_payload, _message);
            _receiver.Decrypt(_message.AsSpan(0, n), _opened);
        }
    }

    private void RawAesGcm(int ops)
    {
        var ciphertext = _message.AsSpan(0, _payload.Length);
        for (var i = 0; i < ops; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_nonce.AsSpan(4), _counter++);
            _aes.Encrypt(_nonce, _payload, ciphertext, _tag);
            _aes.Decrypt(_nonce, ciphertext, _tag, _opened);
        }
    }

    private static (NoiseTransport Sender, NoiseTransport Receiver) Pair()
    {
        var ik = NoiseProtocol.Parse("Noise_IK_25519_AESGCM_SHA256");
        using var device = NoiseKeyPair.Generate();
        using var host = NoiseKeyPair.Generate();
        using var initiator = NoiseHandshake.Create(ik, NoiseRole.Initiator, new NoiseHandshakeOptions { LocalStatic = device, RemoteStatic = host.PublicKey });
        using var responder = NoiseHandshake.Create(ik, NoiseRole.Responder, new NoiseHandshakeOptions { LocalStatic = host });
        responder.ReadMessage(initiator.WriteMessage(ReadOnlySpan<byte>.Empty));
        initiator.ReadMessage(responder.WriteMessage(ReadOnlySpan<byte>.Empty));
        return (initiator.Split(), responder.Split());
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
        _aes.Dispose();
    }
}
