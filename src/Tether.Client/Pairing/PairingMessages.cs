using System.Text.Json;

namespace Tether.Client.Pairing;

/// <summary>
/// The JSON messages after the SAS (docs/protocol.md §8.3): their <c>type</c> names, the rejection
/// reasons, encoding, and a decoder that accepts exactly the members each type has.
/// </summary>
internal static class PairingMessages
{
    public const string Retry = "pair.retry";
    public const string Accepted = "pair.accepted";
    public const string Stored = "pair.stored";
    public const string Done = "pair.done";
    public const string Rejected = "pair.rejected";

    public const string WrongCode = "wrong-code";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
    public const string Error = "error";

    public static byte[] EncodeRetry(int attemptsLeft) => Encode(new PairingMessage { Type = Retry, AttemptsLeft = attemptsLeft });

    public static byte[] EncodeAccepted(string channel, string relay, string certificate, string hostName) =>
        Encode(new PairingMessage { Type = Accepted, Channel = channel, Relay = relay, Certificate = certificate, HostName = hostName });

    public static byte[] EncodeStored() => Encode(new PairingMessage { Type = Stored });

    public static byte[] EncodeDone() => Encode(new PairingMessage { Type = Done });

    public static byte[] EncodeRejected(string reason) => Encode(new PairingMessage { Type = Rejected, Reason = reason });

    /// <summary>
    /// Reads one message from untrusted UTF-8; null when it is not JSON, is over
    /// <see cref="PairingWire.MaxJsonMessage"/>, has an unknown type or member, or lacks a member its type needs.
    /// </summary>
    public static PairingMessage? TryDecode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > PairingWire.MaxJsonMessage)
        {
            return null;
        }

        PairingMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(utf8, PairingJsonContext.Default.PairingMessage);
        }
        catch (JsonException)
        {
            return null;
        }

        return message is not null && HasShapeOfItsType(message) ? message : null;
    }

    private static byte[] Encode(PairingMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, PairingJsonContext.Default.PairingMessage);

    private static bool HasShapeOfItsType(PairingMessage m)
    {
        var accepted = m.Channel is not null && m.Relay is not null && m.Certificate is not null && m.HostName is not null;
        var noAccepted = m.Channel is null && m.Relay is null && m.Certificate is null && m.HostName is null;
        return m.Type switch
        {
            // attempts_left can only be 2 or 1: the third wrong code is a rejection, not a retry.
            Retry => m.AttemptsLeft is >= 1 and < PairingWire.MaxCodeAttempts && m.Reason is null && noAccepted,
            Accepted => accepted && m.AttemptsLeft is null && m.Reason is null,
            Stored or Done => m.AttemptsLeft is null && m.Reason is null && noAccepted,
            Rejected => m.Reason is WrongCode or Expired or Cancelled or Error && m.AttemptsLeft is null && noAccepted,
            _ => false,
        };
    }
}
