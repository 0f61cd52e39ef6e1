namespace Tether.Client.Pairing;

/// <summary>What the device shows its user during pairing (docs/protocol.md §8).</summary>
public interface IDevicePairingEvents
{
    /// <summary>Show the 8-digit code (grouped <c>1234 5678</c>) for the user to type on the workstation.</summary>
    /// <param name="eightDigits">The 8 digits, without separators.</param>
    void ShowCode(string eightDigits);

    /// <summary>The host says the typed code was wrong; <paramref name="attemptsLeft"/> tries remain (2 or 1).</summary>
    void WrongCode(int attemptsLeft);
}
