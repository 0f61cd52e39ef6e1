using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Client.Pairing;

/// <summary>
/// The constants and small helpers both ends of the pairing exchange share (docs/protocol.md §8):
/// the Noise protocol, the prologue, the message size limit and the time limits.
/// </summary>
internal static class PairingWire
{
    /// <summary>Three wrong codes burn the link (§3): a blind guess then succeeds with 3 × 10⁻⁸.</summary>
    public const int MaxCodeAttempts = 3;

    /// <summary>
    /// 4 KiB for one JSON message after the SAS: the largest, <c>pair.accepted</c>, is under 1 KiB
    /// (a 292-character certificate, a 512-byte URL, a 64-byte name); the peer is authenticated by
    /// then, but a bound keeps a buggy one from making us parse megabytes.
    /// </summary>
    public const int MaxJsonMessage = 4096;

    /// <summary>The Noise protocol of every pairing (§1).</summary>
    public static NoiseProtocol Protocol { get; } = NoiseProtocol.Parse("Noise_IKpsk2_25519_AESGCM_SHA256");

    /// <summary>
    /// 30 s for a reply that needs no human: message 2 after message 1, <c>pair.done</c> after
    /// <c>pair.stored</c>, <c>pair.stored</c> after <c>pair.accepted</c>. Saving a record takes
    /// milliseconds; anything slower is a peer or relay that is gone.
    /// </summary>
    public static TimeSpan ReplyTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// 30 s of grace on the device after the link's expiry while it waits for the host's verdict:
    /// the host enforces the expiry on its own clock (§2.3) and says so; the two clocks may differ a little.
    /// </summary>
    public static TimeSpan ExpiryGrace { get; } = TimeSpan.FromSeconds(30);

    private static ReadOnlySpan<byte> PrologueLabel => "tether/1 pairing"u8;

    /// <summary><c>"tether/1 pairing" ‖ pairing channel id</c> (§1.1).</summary>
    public static byte[] Prologue(RelayId pairingChannel)
    {
        var prologue = new byte[PrologueLabel.Length + RelayId.Length];
        PrologueLabel.CopyTo(prologue);
        pairingChannel.WriteTo(prologue.AsSpan(PrologueLabel.Length));
        return prologue;
    }
}
