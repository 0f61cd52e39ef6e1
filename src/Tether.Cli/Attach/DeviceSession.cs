using Microsoft.Extensions.Logging;
using Tether.Client.Relay;
using Tether.Client.Sessions;
using Tether.Client.Sessions.Events;
using Tether.Client.Storage;
using Tether.Protocol.Session;

namespace Tether.Cli.Attach;

/// <summary>
/// A terminal's session with a paired host: its relay connection as a device, the Noise session on
/// top (docs/protocol.md §9), the host's messages to the front end and the front end's commands to
/// the host. Runs until the session ends (superseded, revoked, the host unreachable for the outage
/// window), the input ends, or Ctrl-C.
/// </summary>
internal static class DeviceSession
{
    /// <summary>After the input ends, how long queued messages get to leave before the client does.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);

    /// <summary>Exit codes: 0 the person left; 1 the session ended from the other side or the relay.</summary>
    public static async Task<int> RunAsync(PairedHost host, IFrontEnd ui, PendingApprovals approvals, TimeSpan outageWindow, ILoggerFactory loggers, CancellationToken cancel)
    {
        await using var relay = RelayClient.Start(new RelayClientOptions
        {
            RelayUrl = host.RelayUrl,
            Credential = RelayCredential.ForDevice(host.AccessKey, host.Certificate),
            LoggerFactory = loggers,
        });
        await using var channel = ReliableChannel.ForDevice(relay, host.DeviceKeys, host.HostStaticKey, new ReliableChannelOptions
        {
            OutageWindow = outageWindow,
            LoggerFactory = loggers,
        });

        ui.Connection("connecting");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var showing = ShowAsync(channel, ui, approvals, stop.Token);
        var watching = WatchAsync(channel, ui, stop.Token);
        ui.StartReading(stop.Token);
        var commanding = CommandAsync(channel, ui, approvals, stop.Token);

        var first = await Task.WhenAny(commanding, channel.Ended, Task.Delay(Timeout.Infinite, cancel)).ConfigureAwait(false);
        var exit = 0;
        if (first == channel.Ended)
        {
            var ending = await channel.Ended.ConfigureAwait(false);
            ui.Ended(ReasonCode(ending.Reason), ending.Message);
            exit = 1;
        }
        else if (first == commanding)
        {
            await Task.WhenAny(channel.Ended, Task.Delay(DrainTime, cancel)).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Quietly(showing), Quietly(watching), Quietly(commanding)).ConfigureAwait(false);
        return exit;
    }

    private static async Task ShowAsync(ReliableChannel channel, IFrontEnd ui, PendingApprovals approvals, CancellationToken cancel)
    {
        await foreach (var bytes in channel.Messages.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            if (SessionMessages.TryDecode(bytes, out var message))
            {
                approvals.Track(message!);
                ui.Show(message!);
            }
            else
            {
                ui.Error("The host sent a message this client does not understand; it was ignored.");
            }
        }
    }

    private static async Task WatchAsync(ReliableChannel channel, IFrontEnd ui, CancellationToken cancel)
    {
        await foreach (var change in channel.Events.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            switch (change)
            {
                case SessionEstablished established:
                    ui.Connection("online", established.Resumed ? "resumed" : "new session");
                    break;
                case SessionLost lost:
                    ui.Connection("reconnecting", lost.Security ? "a security check failed" : lost.Why);
                    break;
                case StreamEnded ended:
                    ui.Error(ended.Ending.Message);
                    break;
            }
        }
    }

    private static async Task CommandAsync(ReliableChannel channel, IFrontEnd ui, PendingApprovals approvals, CancellationToken cancel)
    {
        await foreach (var command in ui.Commands.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            SessionMessage? message = command switch
            {
                DeviceCommand.Prompt prompt => new PromptMessage { Text = prompt.Text },
                DeviceCommand.Interrupt => new InterruptMessage(),
                DeviceCommand.Approve approve => approvals.Answer(approve.Id, allow: true, reason: null, approve.Remember),
                DeviceCommand.Deny deny => approvals.Answer(deny.Id, allow: false, deny.Reason),
                _ => null,
            };
            if (message is null)
            {
                ui.Error("No approval request with that id is waiting (answered, expired, or never shown).");
                continue;
            }

            try
            {
                await channel.SendAsync(SessionMessages.Encode(message), cancel).ConfigureAwait(false);
            }
            catch (SessionEndedException)
            {
                return;
            }
        }
    }

    private static string ReasonCode(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Superseded => "superseded",
        SessionEndReason.Revoked => "revoked",
        SessionEndReason.OutageExpired => "outage",
        SessionEndReason.HostUnreachable => "host-unreachable",
        SessionEndReason.StreamReplaced => "new-session",
        SessionEndReason.RelayClosed => "relay-closed",
        _ => "closed",
    };

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }
}
