using System.CommandLine;
using Spectre.Console;
using Tether.Client.Storage;
using Tether.Host.Devices;
using Tether.Host.Ipc;
using Tether.Host.Projects;

namespace Tether.Cli.Commands;

/// <summary><c>tether devices list | revoke | rename</c>: the devices paired with a project.</summary>
internal static class DevicesCommand
{
    private static readonly Option<DirectoryInfo?> ProjectOption = new("--project", "-p")
    {
        Description = "The project (its git top-level, or this directory); default: the current directory.",
    };

    public static Command Create()
    {
        var list = new Command("list", "List the devices paired with the project, revoked ones included.") { ProjectOption };
        list.SetAction(parse => Run(parse, registry => List(registry)));

        var selector = new Argument<string>("device") { Description = "The device's name, or the start of its fingerprint (4 hex digits or more)." };
        var revoke = new Command("revoke", "Revoke a device: its live connection is closed now and it can never connect again. Pair it anew to use it again.")
        {
            selector, ProjectOption,
        };
        revoke.SetAction((parse, cancel) => RunAsync(parse, (registry, project) => RevokeAsync(registry, project, parse.GetValue(selector)!, cancel)));

        var newName = new Argument<string>("new-name") { Description = "The name to show from now on (at most 64 bytes)." };
        var rename = new Command("rename", "Rename a device.") { selector, newName, ProjectOption };
        rename.SetAction(parse => Run(parse, registry =>
        {
            var device = registry.Rename(parse.GetValue(selector)!, parse.GetValue(newName)!);
            AnsiConsole.MarkupLineInterpolated($"Renamed: {device.Name} [dim]{device.Fingerprint}[/]");
            return 0;
        }));

        return new Command("devices", "Manage the devices paired with a project: list, revoke, rename.") { list, revoke, rename };
    }

    private static int Run(ParseResult parse, Func<DeviceRegistry, int> action) =>
        RunAsync(parse, (registry, _) => Task.FromResult(action(registry))).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(ParseResult parse, Func<DeviceRegistry, Project, Task<int>> action)
    {
        try
        {
            var project = ProjectLocator.Locate(parse.GetValue(ProjectOption)?.FullName);
            return await action(new DeviceRegistry(ConfigRoot.ForCurrentUser(), project.Id), project).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeyStoreException or DeviceNotFoundException or AmbiguousDeviceException or ArgumentException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"tether devices: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static int List(DeviceRegistry registry)
    {
        var devices = registry.List();
        if (devices.Count == 0)
        {
            AnsiConsole.MarkupLine("No devices are paired with this project. Pair one with [bold]tether pair[/].");
            return 0;
        }

        var table = new Table().AddColumns("name", "fingerprint", "paired", "last seen", "state");
        foreach (var device in devices)
        {
            table.AddRow(
                Markup.Escape(device.Name),
                device.Fingerprint,
                device.PairedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                device.LastSeen?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "never",
                device.IsRevoked ? "[red]revoked[/]" : "paired");
        }

        AnsiConsole.Write(table);
        return 0;
    }

    private static async Task<int> RevokeAsync(DeviceRegistry registry, Project project, string selector, CancellationToken cancel)
    {
        var device = registry.Revoke(selector);
        AnsiConsole.MarkupLineInterpolated($"Revoked {device.Name} [dim]{device.Fingerprint}[/]: it can no longer connect.");

        // The running host (if any) drops the device's live connection now rather than at its next handshake.
        var socket = RuntimeDirectory.SocketFor(project.Id.Value);
        try
        {
            var answer = await IpcClient.SendAsync(socket, new IpcRequest { Op = "devices-changed" }, cancel).ConfigureAwait(false);
            AnsiConsole.MarkupLine(answer.Ok ? "The running host closed its connection." : $"[yellow]The running host did not confirm: {Markup.Escape(answer.Error ?? "no answer")}[/]");
        }
        catch (HostNotRunningException)
        {
            // No host runs for this project: there is no live connection to close.
        }
        catch (IOException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Could not tell the running host ({e.Message}); it refuses the device at its next handshake anyway.[/]");
        }

        return 0;
    }
}
