using System.Collections.Concurrent;
using System.Net.WebSockets;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>
/// <c>Tether.LoadGen echo-host URL</c>: the far end of relay links, in a process of its own, as the
/// echo server is the far end behind nginx (see <see cref="EchoHosts"/>). Reads commands on stdin,
/// one a line, and answers each on stdout:
/// <code>
/// open ID FRAME_BYTES CHANNEL_KEY_PKCS8_BASE64  → "ID ok" once WELCOME came, or "ID error MESSAGE"
/// close ID                                      → (no answer) the host's connection is dropped
/// </code>
/// Each host sends every DATA it gets straight back (the bytes of DATA from a peer are exactly the
/// DATA that returns them to it). Ends when stdin does.
/// </summary>
internal static class EchoHostCommand
{
    public static async Task<int> RunAsync(Uri baseUrl)
    {
        using var connector = new WebSocketConnector();
        var hosts = new ConcurrentDictionary<int, ClientWebSocket>();
        var output = Console.Out;
        var writeLock = new Lock();
        void Answer(string line)
        {
            lock (writeLock)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        while (await Console.In.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ');
            switch (words)
            {
                case ["open", var id, var frameBytes, var key]:
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            using var channelKey = ChannelKey.ImportPkcs8(Convert.FromBase64String(key));
                            var uri = new Uri(baseUrl, $"/v1/channels/{channelKey.ChannelId}");
                            var host = await connector.ConnectAsync(uri, RelayTarget.SubProtocol, CancellationToken.None);
                            await RelayHandshake.AuthenticateAsync(host, RelayRole.Host, HelloKind.HostProof, nonce => channelKey.CreateHostProof(nonce), CancellationToken.None);
                            hosts[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)] = host;
                            _ = HostEcho.RunAsync(host, int.Parse(frameBytes, System.Globalization.CultureInfo.InvariantCulture));
                            Answer($"{id} ok");
                        }
                        catch (Exception e)
                        {
                            Answer($"{id} error {e.Message.ReplaceLineEndings(" ")}");
                        }
                    });
                    break;
                case ["close", var id] when hosts.TryRemove(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture), out var host):
                    // An abort, not a close handshake; see EchoLink.DisposeAsync.
                    host.Dispose();
                    break;
            }
        }

        foreach (var host in hosts.Values)
        {
            host.Dispose();
        }

        return 0;
    }
}
