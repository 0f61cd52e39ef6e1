using System.Globalization;

namespace Tether.Protocol.Noise;

/// <summary>
/// The one place Noise exceptions are built. Messages name sizes, counts and states only: never key
/// bytes, plaintext or ciphertext.
/// </summary>
internal static class Errors
{
    public static UnsupportedProtocolException UnsupportedProtocol(string name, string reason) =>
        new(Format("Unsupported Noise protocol name '{0}': {1}.", name, reason));

    public static WeakPublicKeyException WeakPublicKey() =>
        new("The X25519 result is all zeros (low-order public key); refusing to use it (Noise spec section 12.1, RFC 7748 section 6.1).");

    public static DecryptionFailedException DecryptionFailed() =>
        new("Decryption failed: the authentication tag does not match. The state is now poisoned.");

    public static NonceExhaustedException NonceExhausted() =>
        new("The nonce reached 2^64-1, which is reserved (Noise spec section 5.1); start a new session.");

    public static MessageTooLargeException MessageTooLarge(long length) =>
        new(Format("A Noise message of {0} bytes exceeds the {1}-byte limit (Noise spec section 3).", length, NoiseLimits.MaxMessageLength));

    public static TruncatedMessageException TruncatedMessage(int actual, int required) =>
        new(Format("The message has {0} bytes but its tokens need at least {1}.", actual, required));

    public static WrongTurnException WrongTurn(bool writing) =>
        new(writing
            ? "It is the peer's turn: read its handshake message before writing."
            : "It is our turn: write a handshake message before reading.");

    public static HandshakeCompletedException HandshakeCompleted() =>
        new("The handshake is complete; call Split() and use the transport.");

    public static HandshakeIncompleteException HandshakeIncomplete() =>
        new("The handshake is not complete yet.");

    public static MissingKeyException MissingKey(string pattern, string key) =>
        new(Format("Pattern {0} needs {1}, which was not supplied.", pattern, key));

    public static UnexpectedKeyException UnexpectedKey(string pattern, string key) =>
        new(Format("Pattern {0} does not use {1}; refusing a key that would be ignored.", pattern, key));

    public static StatePoisonedException Poisoned() =>
        new("An earlier failure poisoned this state; discard it and start a new handshake.");

    public static OneWayTransportException OneWay(bool sending) =>
        new(sending
            ? "A one-way pattern's responder cannot send transport messages."
            : "A one-way pattern's initiator cannot receive transport messages.");

    public static ArgumentException BufferTooSmall(string paramName, int required, int actual) =>
        new(Format("The buffer holds {0} bytes but {1} are needed.", actual, required), paramName);

    public static ArgumentException WrongKeyLength(string paramName, int expected, int actual) =>
        new(Format("A key must be {0} bytes, not {1}.", expected, actual), paramName);

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
