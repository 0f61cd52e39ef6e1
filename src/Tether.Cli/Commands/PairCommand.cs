using System.CommandLine;
using Microsoft.Extensions.Logging;
using Tether.Cli.Hosting;
using Tether.Cli.Pairing;
using Tether.Client.Storage;
using Tether.Host.Ipc;
using Tether.Host.Projects;

namespace Tether.Cli.Commands;

/// <summary><c>tether pair</c>: pairs a new device with a project, through the relay its host uses.</summary>
internal static class PairCommand
{
    private static readonly Argument<DirectoryInfo?> Directory = new("dir")
    {
        Description = "The project: its git top-level, or this directory (default: the current directory).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> RelayUrl = new("--relay")
    {
        Description = "The relay the device should use. Default: the relay of the host running for this project (tether run).",
    };

    public static Command Create()
    {
        var command = new Command("pair", "Pair a phone or terminal with a project: shows a QR code and a one-time link, "
            + "then asks for the 8 digits the device shows. The link works once, for 10 minutes.")
        {
            Directory, RelayUrl,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true));
        try
        {
            var root = ConfigRoot.ForCurrentUser();
            var project = ProjectLocator.Locate(parse.GetValue(Directory)?.FullName);
            var relay = RelayOption.Parse(parse.GetValue(RelayUrl)) ?? await RunningHostRelayAsync(project, cancel).ConfigureAwait(false);
            if (relay is null)
            {
                await Console.Error.WriteLineAsync("tether pair: no host runs for this project, so there is no relay to pair through. "
                    + "Start it first (tether run), or name a relay with --relay https://…").ConfigureAwait(false);
                return 2;
            }

            using var identity = HostKeyStore.LoadOrCreate(root, project);
            var paired = await PairingFlow.RunAsync(root, project, identity, relay, PairingFlow.HostNameFor(project), loggers, cancel).ConfigureAwait(false);
            return paired ? 0 : 1;
        }
        catch (Exception e) when (e is KeyStoreException or DirectoryNotFoundException or InvalidOperationException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"tether pair: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<Uri?> RunningHostRelayAsync(Project project, CancellationToken cancel)
    {
        try
        {
            var answer = await IpcClient.SendAsync(RuntimeDirectory.SocketFor(project.Id.Value), new IpcRequest { Op = "status" }, cancel).ConfigureAwait(false);
            return answer.Status is { } status ? new Uri(status.Relay) : null;
        }
        catch (Exception e) when (e is HostNotRunningException or IOException)
        {
            return null;
        }
    }
}
