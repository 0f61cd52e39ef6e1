using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Tether.Protocol.Noise;

namespace Tether.Bench;

/// <summary>
/// Noise_IK handshakes per second for each role, against the raw X25519 work the role cannot avoid:
/// one key generation (a base-point multiplication) and four DH (es, ss, ee, se). The ratio is what
/// Noise's hashing, HKDF, AEAD and our own bookkeeping cost on top of the curve arithmetic.
/// </summary>
internal static class HandshakeBench
{
    private static readonly NoiseProtocol Ik = NoiseProtocol.Parse("Noise_IK_25519_AESGCM_SHA256");

    public static (Comparison Initiator, Comparison Responder) Run(int opsPerRound, int rounds)
    {
        using var device = NoiseKeyPair.Generate();
        using var host = NoiseKeyPair.Generate();

        for (var i = 0; i < 3; i++)
        {
            RawDh(opsPerRound);
            Handshakes(device, host, opsPerRound);
        }

        var baseline = new double[rounds];
        var initiator = new double[rounds];
        var responder = new double[rounds];
        long baseAlloc = 0, hsAlloc = 0;
        for (var r = 0; r < rounds; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            RawDh(opsPerRound);
            baseline[r] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / opsPerRound;
            baseAlloc += GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            var (i, s) = Handshakes(device, host, opsPerRound);
            hsAlloc += GC.GetAllocatedBytesForCurrentThread() - before;
            initiator[r] = i / opsPerRound;
            responder[r] = s / opsPerRound;
        }

        var total = (double)opsPerRound * rounds;
        var b = Measurement.Median(baseline);
        return (
            new Comparison("IK handshake, initiator (device)", b, Measurement.Median(initiator), baseAlloc / total, hsAlloc / total / 2),
            new Comparison("IK handshake, responder (host)", b, Measurement.Median(responder), baseAlloc / total, hsAlloc / total / 2));
    }

    /// <summary>Each op: one key generation and four X25519 agreements, as one role of IK does.</summary>
    private static void RawDh(int ops)
    {
        var priv = new byte[32];
        var pub = new byte[32];
        var shared = new byte[32];
        var peer = new byte[32];
        RandomNumberGenerator.Fill(priv);
        X25519.ScalarMultBase(priv, 0, peer, 0);
        for (var i = 0; i < ops; i++)
        {
            RandomNumberGenerator.Fill(priv);
            X25519.ScalarMultBase(priv, 0, pub, 0);
            for (var k = 0; k < 4; k++)
            {
                X25519.ScalarMult(priv, 0, peer, 0, shared, 0);
            }
        }
    }

    /// <summary>Full handshakes; returns the nanoseconds spent in each role's own calls.</summary>
    private static (double Initiator, double Responder) Handshakes(NoiseKeyPair device, NoiseKeyPair host, int ops)
    {
        long initiatorTicks = 0, responderTicks = 0;
        var options = new NoiseHandshakeOptions { LocalStatic = device, RemoteStatic = host.PublicKey };
        var hostOptions = new NoiseHandshakeOptions { LocalStatic = host };
        for (var i = 0; i < ops; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var initiator = NoiseHandshake.Create(Ik, NoiseRole.Initiator, options);
            var m1 = initiator.WriteMessage(ReadOnlySpan<byte>.Empty);
            var t1 = Stopwatch.GetTimestamp();
            using var responder = NoiseHandshake.Create(Ik, NoiseRole.Responder, hostOptions);
            responder.ReadMessage(m1);
            var m2 = responder.WriteMessage(ReadOnlySpan<byte>.Empty);
            using var hostTransport = responder.Split();
            var t2 = Stopwatch.GetTimestamp();
            initiator.ReadMessage(m2);
            using var deviceTransport = initiator.Split();
            var t3 = Stopwatch.GetTimestamp();
            initiatorTicks += (t1 - t0) + (t3 - t2);
            responderTicks += t2 - t1;
        }

        var nanosPerTick = 1e9 / Stopwatch.Frequency;
        return (initiatorTicks * nanosPerTick, responderTicks * nanosPerTick);
    }
}
