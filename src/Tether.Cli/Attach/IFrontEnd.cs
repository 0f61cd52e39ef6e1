using System.Threading.Channels;
using Tether.Protocol.Session;

namespace Tether.Cli.Attach;

/// <summary>The terminal side of <c>tether attach</c>: the interactive console, or newline-delimited JSON for scripts.</summary>
internal interface IFrontEnd
{
    /// <summary>Commands as they are typed; completes at the end of input.</summary>
    ChannelReader<DeviceCommand> Commands { get; }

    /// <summary>Starts reading input (after pairing, which has its own prompts).</summary>
    void StartReading(CancellationToken cancellationToken);

    /// <summary>Pairing: the 8 digits to type on the host.</summary>
    void ShowCode(string digits);

    /// <summary>Pairing: the host's user typed a wrong code.</summary>
    void WrongCode(int attemptsLeft);

    /// <summary>Pairing succeeded; the host is saved under <paramref name="hostId"/>.</summary>
    void Paired(string hostName, string hostId);

    /// <summary>Connection state: <c>connecting</c>, <c>online</c>, <c>host_offline</c>, <c>reconnecting</c>.</summary>
    void Connection(string state, string? detail = null);

    /// <summary>A message from the host.</summary>
    void Show(SessionMessage message);

    /// <summary>The session ended; <paramref name="reason"/> is a stable code, <paramref name="text"/> for people.</summary>
    void Ended(string reason, string text);

    /// <summary>Something went wrong that the person should read; the session goes on.</summary>
    void Error(string text);
}
