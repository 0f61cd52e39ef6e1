using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Tether.Host.Ipc;

namespace Tether.Cli.Commands;

/// <summary><c>tether status</c>: asks every running host of this user, over its local socket, what it is doing.</summary>
internal static class StatusCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the hosts' answers as JSON, one object per line." };

    public static Command Create()
    {
        var command = new Command("status", "Show the running Tether hosts of your user: their project, relay, connected devices and pending approvals.")
        {
            Json,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var json = parse.GetValue(Json);
        var sockets = RuntimeDirectory.Sockets();
        var found = 0;
        var failed = false;
        foreach (var socket in sockets)
        {
            IpcResponse response;
            try
            {
                response = await IpcClient.SendAsync(socket, new IpcRequest { Op = "status" }, cancel).ConfigureAwait(false);
            }
            catch (HostNotRunningException)
            {
                // A socket left behind by a host that crashed: not a running host.
                continue;
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"tether status: {socket}: {e.Message}").ConfigureAwait(false);
                failed = true;
                continue;
            }

            if (!response.Ok || response.Status is not { } status)
            {
                await Console.Error.WriteLineAsync($"tether status: {socket}: {response.Error ?? "no status"}").ConfigureAwait(false);
                failed = true;
                continue;
            }

            found++;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(status, CliJsonContext.Default.HostStatus));
            }
            else
            {
                Show(status);
            }
        }

        if (found == 0 && !json && !failed)
        {
            AnsiConsole.MarkupLine("No Tether host is running for your user. Start one in a project with [bold]tether run[/].");
        }

        return failed ? 1 : 0;
    }

    private static void Show(HostStatus status)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{status.Project}[/]  {status.Path}");
        AnsiConsole.MarkupLineInterpolated($"  agent {status.Agent} ({status.State}), pid {status.Pid}, up since {status.Started.ToLocalTime():yyyy-MM-dd HH:mm}");
        AnsiConsole.MarkupLineInterpolated($"  relay {status.Relay} ({(status.RelayConnected ? "connected" : "not connected")})");
        if (status.Devices.Count == 0)
        {
            AnsiConsole.MarkupLine("  no paired devices: pair one with [bold]tether pair[/]");
        }

        foreach (var device in status.Devices)
        {
            var seen = device.LastSeen is { } last ? $"last seen {last.ToLocalTime():yyyy-MM-dd HH:mm}" : "never seen";
            AnsiConsole.MarkupLineInterpolated($"  device {device.Name} [dim]{device.Fingerprint}[/]  {(device.Active ? "active now" : seen)}");
        }

        foreach (var approval in status.Approvals)
        {
            AnsiConsole.MarkupLineInterpolated($"  [yellow]waiting for approval[/] {approval.Tool}: {approval.Summary} (denied at {approval.Deadline.ToLocalTime():HH:mm:ss} without an answer)");
        }
    }
}
