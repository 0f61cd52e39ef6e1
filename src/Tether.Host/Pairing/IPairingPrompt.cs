namespace Tether.Host.Pairing;

/// <summary>
/// The workstation user's side of pairing (docs/protocol.md §8): the terminal or UI that asks for the
/// code shown on the device and for the device's name. A prompt is cancelled (through its token) when
/// the link expires, the device leaves or pairing is cancelled.
/// </summary>
public interface IPairingPrompt
{
    /// <summary>Asks for the 8 digits the device shows.</summary>
    /// <param name="attemptsLeft">How many tries remain, this one included (3, 2, then 1).</param>
    /// <param name="cancellationToken">Cancelled when the answer is no longer wanted.</param>
    /// <returns>What the user typed (checked against §3's input rules by the caller).</returns>
    Task<string> AskCodeAsync(int attemptsLeft, CancellationToken cancellationToken);

    /// <summary>Asks what to call the device, offering the name it suggested.</summary>
    /// <param name="suggested">The device's own suggestion (already checked: 1 to 64 bytes, no control characters).</param>
    /// <param name="cancellationToken">Cancelled when the answer is no longer wanted.</param>
    /// <returns>The name; empty keeps <paramref name="suggested"/>.</returns>
    Task<string> AskNameAsync(string suggested, CancellationToken cancellationToken);

    /// <summary>
    /// The relay holds the link's slot now: show the link (QR code) from this moment. A device that
    /// scans it earlier is refused by the relay, since the slot does not exist yet.
    /// </summary>
    void LinkReady()
    {
    }

    /// <summary>A progress line for the user ("waiting for the device", "wrong code"); never a secret.</summary>
    /// <param name="message">What to show.</param>
    void Status(string message)
    {
    }
}
