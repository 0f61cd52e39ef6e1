using FsCheck;
using FsCheck.Fluent;
using Tether.Protocol.Noise;

namespace Tether.Protocol.Tests.Noise;

/// <summary>
/// Architecture invariant 2 for the Noise layer: any modified, truncated, extended, reordered or replayed
/// message (handshake or transport) is refused with a NoiseException, no plaintext comes back for it,
/// and the receiving state stays poisoned so even the genuine message is refused afterwards.
/// </summary>
public sealed class MutationPropertyTests
{
    private const int CasesPerProperty = 250;

    // Patterns whose every message is authenticated when it arrives (first message carries es or a psk);
    // in NN or XX the first payload is cleartext by design and is only caught one message later.
    private static readonly string[] Protocols =
    [
        "Noise_IK_25519_AESGCM_SHA256",
        "Noise_IKpsk2_25519_AESGCM_SHA256",
        "Noise_IKpsk2_25519_ChaChaPoly_SHA256",
        "Noise_NK_25519_ChaChaPoly_SHA256",
        "Noise_XK_25519_AESGCM_SHA256",
        "Noise_KK_25519_ChaChaPoly_SHA256",
        "Noise_NNpsk0_25519_AESGCM_SHA256",
        "Noise_X_25519_ChaChaPoly_SHA256",
    ];

    [Fact]
    public void FlippedBit_InAnyMessage_IsRefused() => CheckAll(MutationKind.FlipBit);

    [Fact]
    public void TruncatedMessage_AnyLength_IsRefused() => CheckAll(MutationKind.Truncate);

    [Fact]
    public void ExtendedMessage_AnyExtraBytes_IsRefused() => CheckAll(MutationKind.Extend);

    [Fact]
    public void SwappedMessages_AnyPair_AreRefused() => CheckAll(MutationKind.Swap);

    [Fact]
    public void ReplayedEarlierMessage_IsRefused() => CheckAll(MutationKind.Replay);

    private static void CheckAll(MutationKind kind) =>
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(CasesPerProperty).WithQuietOnSuccess(true),
            Prop.ForAll(Mutations(kind).ToArbitrary(), IsRefused));

    private static Gen<Mutation> Mutations(MutationKind kind) =>
        from protocol in Gen.Elements(Protocols)
        from a in Gen.Choose(0, int.MaxValue)
        from b in Gen.Choose(0, int.MaxValue)
        from amount in Gen.Choose(0, int.MaxValue)
        from extra in Gen.Choose(1, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(x => (byte)x), n))
        select Create(kind, protocol, a, b, amount, extra);

    private static Mutation Create(MutationKind kind, string protocol, int a, int b, int amount, byte[] extra)
    {
        int steps = Conversation.Transcript(protocol).Count;
        // Swap and replay need two distinct steps: Step is the later one and Other an earlier one.
        int step = kind is MutationKind.Swap or MutationKind.Replay ? 1 + (a % (steps - 1)) : a % steps;
        int other = b % Math.Max(step, 1);
        return new Mutation(protocol, kind, step, other, amount, extra);
    }

    private static bool IsRefused(Mutation mutation)
    {
        IReadOnlyList<byte[]> honest = Conversation.Transcript(mutation.Protocol);
        IReadOnlyList<byte[]> delivered = mutation.Apply(honest);
        using var conversation = new Conversation(mutation.Protocol);
        for (int step = 0; step < conversation.StepCount; step++)
        {
            Assert.Equal(honest[step], conversation.Send(step));
            if (delivered[step].AsSpan().SequenceEqual(honest[step]))
            {
                conversation.Receive(step, delivered[step]);
                continue;
            }

            // First tampered delivery: it must throw (so no plaintext is returned) ...
            if (!Throws(() => conversation.Receive(step, delivered[step])))
            {
                return false;
            }

            // ... and the receiver must now refuse even the genuine message.
            return Throws(() => conversation.Receive(step, honest[step]));
        }

        return false;
    }

    private static bool Throws(Func<byte[]> receive)
    {
        try
        {
            receive();
            return false;
        }
        catch (NoiseException)
        {
            return true;
        }
    }
}
