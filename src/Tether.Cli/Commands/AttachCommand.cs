using System.CommandLine;
using Microsoft.Extensions.Logging;
using Tether.Cli.Attach;
using Tether.Client.Pairing;
using Tether.Client.Storage;
using Tether.Protocol.Noise;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;


namespace Tether.Cli.Commands;

/// <summary><c>tether attach</c>: this terminal as a device: pairs with a link, or reconnects to a paired host.</summary>
internal static class AttachCommand
{
    private static readonly Argument<string?> Link = new("link")
    {
        Description = "A pairing link from `tether pair` (https://…/pair#…): pairs this terminal with that host first.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> HostOption = new("--host")
    {
        Description = "Which paired host to attach to (its id, or the start of it) when there are several.",
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Speak newline-delimited JSON on stdin/stdout for scripts (docs/terminal-client.md) instead of the interactive view.",
    };

    private static readonly Option<string?> Name = new("--name")
    {
        Description = "When pairing: the name this terminal suggests for itself (the host's user has the last word).",
    };

    private static readonly Option<int> OutageMinutes = new("--outage-window")
    {
        Description = "Minutes to keep trying to reach the host before the session ends.",
        DefaultValueFactory = _ => 10,
    };

    public static Command Create()
    {
        var command = new Command("attach", "Use this terminal as a device: `tether attach <link>` pairs it (type the code it shows on the host), "
            + "`tether attach` reconnects to the paired host. Type prompts, answer approvals; Ctrl-D leaves.")
        {
            Link, HostOption, Json, Name, OutageMinutes,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var approvals = new PendingApprovals();
        IFrontEnd ui = parse.GetValue(Json) ? new JsonFrontEnd(Console.In, Console.Out) : new ConsoleFrontEnd(approvals);
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true));
        var store = new PairedHostStore(ConfigRoot.ForCurrentUser());
        try
        {
            using var host = parse.GetValue(Link) is { } link
                ? await PairAsync(link, parse.GetValue(Name), store, ui, cancel).ConfigureAwait(false)
                : Choose(store, parse.GetValue(HostOption));
            return await DeviceSession.RunAsync(host, ui, approvals, TimeSpan.FromMinutes(Math.Clamp(parse.GetValue(OutageMinutes), 1, 24 * 60)), loggers, cancel).ConfigureAwait(false);
        }
        catch (AttachException e)
        {
            ui.Error(e.Message);
            return 2;
        }
        catch (PairingException e)
        {
            ui.Ended("pairing-failed", e.Message);
            return 1;
        }
        catch (KeyStoreException e)
        {
            ui.Error(e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static async Task<PairedHost> PairAsync(string text, string? name, PairedHostStore store, IFrontEnd ui, CancellationToken cancel)
    {
        if (!PairingLink.TryParse(text.Trim(), DateTimeOffset.UtcNow, out var link, out var error))
        {
            throw new AttachException(error == PairingLinkError.Expired
                ? "That pairing link has expired; run `tether pair` on the workstation for a new one."
                : $"That is not a valid pairing link ({error.ToCode()}); copy the whole link `tether pair` printed.");
        }

        using (link)
        {
            var deviceKeys = NoiseKeyPair.Generate();
            var accessKey = DeviceAccessKey.Generate();
            PairedHost? stored = null;
            try
            {
                var identity = new DeviceIdentityForPairing(deviceKeys, accessKey, SuggestedName(name));
                await PairingDevice.PairAsync(link, identity, new PairingEvents(ui), (paired, _) =>
                {
                    stored = new PairedHost(paired.HostName, deviceKeys, accessKey, paired.HostStaticKey, new Uri(paired.RelayUrl), paired.Certificate, DateTimeOffset.UtcNow);
                    store.Save(stored);
                    return Task.CompletedTask;
                }, TimeProvider.System, cancel).ConfigureAwait(false);
                ui.Paired(stored!.HostName, stored.Id);
                return stored;
            }
            catch when (stored is null)
            {
                // Nothing stored: the keys were never anyone's but ours.
                deviceKeys.Dispose();
                accessKey.Dispose();
                throw;
            }
            catch (PairingUnconfirmedException) when (stored is not null)
            {
                // The host never confirmed that it stored this device, so it would refuse every session:
                // a record kept here would only make the next attach wait for nothing.
                store.Remove(stored.Id);
                stored.Dispose();
                throw;
            }
            catch when (stored is not null)
            {
                stored.Dispose();
                throw;
            }
        }
    }

    private static PairedHost Choose(PairedHostStore store, string? selector)
    {
        var hosts = store.List();
        var matching = selector is null ? hosts : [.. hosts.Where(h => h.Id.StartsWith(selector, StringComparison.OrdinalIgnoreCase))];
        if (hosts.Count == 0)
        {
            throw new AttachException("This terminal is not paired with any host. On the workstation run `tether pair`, then `tether attach <link>` here.");
        }

        if (matching.Count != 1)
        {
            var list = string.Join("; ", hosts.Select(h => $"{h.Id} ({h.HostName})"));
            throw new AttachException(matching.Count == 0
                ? $"No paired host matches '{selector}'. Paired: {list}."
                : $"Several hosts are paired; choose one with --host. Paired: {list}.");
        }

        return store.Load(matching[0].Id) ?? throw new AttachException($"The paired host {matching[0].Id} vanished from the store.");
    }

    private static string SuggestedName(string? name)
    {
        var suggested = string.IsNullOrWhiteSpace(name) ? $"terminal on {Environment.MachineName}" : name.Trim();
        return suggested.Length > 40 ? suggested[..40] : suggested;
    }

    private sealed class PairingEvents(IFrontEnd ui) : IDevicePairingEvents
    {
        public void ShowCode(string eightDigits) => ui.ShowCode(eightDigits);

        public void WrongCode(int attemptsLeft) => ui.WrongCode(attemptsLeft);
    }

    private sealed class AttachException(string message) : Exception(message);
}
