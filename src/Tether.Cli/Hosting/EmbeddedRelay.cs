using Microsoft.Extensions.Logging;
using Tether.Protocol.Relay;
using Tether.Relay;

namespace Tether.Cli.Hosting;

/// <summary>
/// The relay inside <c>tether run</c>, for one machine: loopback only, on a fixed port so that devices
/// paired with it find it again after a restart. Its token keys live as long as the process; devices
/// then prove themselves with their certificates again, which is what tokens are a shortcut for.
/// </summary>
internal static class EmbeddedRelay
{
    /// <summary>Outside the ephemeral range (32768–60999 on Linux), so an outgoing connection never holds it.</summary>
    public const int DefaultPort = 7411;

    public static Task<RelayServer> StartAsync(int port, LogLevel level, CancellationToken cancellationToken) =>
        RelayServer.StartAsync(
            new RelayOptions
            {
                Urls = [$"http://127.0.0.1:{port}"],
                TokenKeys = [RelayTokenKey.Generate(1)],
                StaticFilesRoot = WebClientBuild.Root,
                Logging = logging => logging.SetMinimumLevel(level).AddSimpleConsole(console => console.SingleLine = true),
            },
            cancellationToken);
}
