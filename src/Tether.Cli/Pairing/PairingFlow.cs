using Microsoft.Extensions.Logging;
using Spectre.Console;
using Tether.Client.Storage;
using Tether.Host.Devices;
using Tether.Host.Pairing;
using Tether.Host.Projects;

namespace Tether.Cli.Pairing;

/// <summary>One pairing from the workstation's terminal: a link, the code, the name, and the device stored.</summary>
internal static class PairingFlow
{
    /// <summary>Runs a pairing through <paramref name="relayUrl"/>; true if a device was paired.</summary>
    public static async Task<bool> RunAsync(ConfigRoot root, Project project, HostIdentity identity, Uri relayUrl, string hostName, ILoggerFactory loggers, CancellationToken cancel)
    {
        var registry = new DeviceRegistry(root, project.Id);
        using var pairing = new PairingHost(
            new PairingHostOptions
            {
                RelayUrl = LinkForm(relayUrl),
                ProjectChannelKey = identity.ChannelKey,
                HostStatic = identity.StaticKeys,
                HostName = hostName,
                RelayLoggerFactory = loggers,
            },
            loggers.CreateLogger<PairingHost>());
        using var link = pairing.CreateLink();
        var prompt = new ConsolePairingPrompt(link.ToLinkString());
        var result = await pairing.RunAsync(
            prompt,
            (device, _) =>
            {
                registry.Add(device.Name, device.StaticKey, device.AccessPublicKey.Span);
                return Task.CompletedTask;
            },
            cancel).ConfigureAwait(false);

        AnsiConsole.MarkupLine(result switch
        {
            PairingResult.Paired paired => $"[green]Paired {Markup.Escape(paired.Device.Name)}.[/] It can connect whenever [bold]tether run[/] runs here.",
            PairingResult.Burnt => "[red]Three wrong codes: the link is burnt and nothing was stored.[/] If the device showed a different code, someone else may have used the link first.",
            PairingResult.Expired => "[yellow]The link expired (10 minutes) before pairing finished; nothing was stored.[/] Run tether pair again.",
            PairingResult.Cancelled => "Pairing cancelled; nothing was stored.",
            PairingResult.Failed failed => $"[red]Pairing failed ({Markup.Escape(failed.Reason)}); nothing was stored.[/]",
            _ => "Pairing ended.",
        });
        return result is PairingResult.Paired;
    }

    /// <summary>How the host names itself to devices: the project's folder and this machine.</summary>
    public static string HostNameFor(Project project) => $"{Path.GetFileName(project.Path)} on {Environment.MachineName}";

    /// <summary>The relay URL as a link carries it (docs/protocol.md §2.2): no trailing slash.</summary>
    public static string LinkForm(Uri relayUrl) => relayUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
