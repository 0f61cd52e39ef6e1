using System.CommandLine;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Tether.Cli.Hosting;
using Tether.Cli.Pairing;
using Tether.Cli.Trust;
using Tether.Client.Storage;
using Tether.Host.Agents.Claude;
using Tether.Host.Approvals;
using Tether.Host.Devices;
using Tether.Host.Ipc;
using Tether.Host.Projects;
using Tether.Host.Runtime;
using Tether.Relay;

namespace Tether.Cli.Commands;

/// <summary><c>tether run</c>: the host session of a project, with the relay embedded on loopback unless told otherwise.</summary>
internal static class RunCommand
{
    private static readonly Argument<DirectoryInfo?> Directory = new("dir")
    {
        Description = "The project: its git top-level, or this directory (default: the current directory).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> RelayUrl = new("--relay")
    {
        Description = "Use this relay (https://…) instead of the one embedded on loopback; devices on other machines need one they can reach.",
    };

    private static readonly Option<bool> Embedded = new("--embedded")
    {
        Description = "Run the relay inside this process on loopback (the default, for a device on this machine).",
    };

    private static readonly Option<int> Port = new("--port")
    {
        Description = "The embedded relay's loopback port.",
        DefaultValueFactory = _ => EmbeddedRelay.DefaultPort,
    };

    private static readonly Option<string> Agent = new("--agent")
    {
        Description = "The agent to run: claude (Claude Code, found on PATH or with --claude), or echo (a stand-in that repeats prompts, "
            + "and asks for approval of prompts starting with ask:).",
        DefaultValueFactory = _ => "claude",
    };

    private static readonly Option<FileInfo?> ClaudePath = new("--claude")
    {
        Description = "The claude executable to run (default: claude on PATH). Install it with: npm install -g @anthropic-ai/claude-code@2.1.197",
    };

    private static readonly Option<string> Mode = new("--permission-mode")
    {
        Description = "default (every write, edit and command is asked on the device) or plan (read and plan only: every write "
            + "and command is denied). acceptEdits and bypass modes are refused: a remote session always asks.",
        DefaultValueFactory = _ => "default",
    };

    private static readonly Option<int> OutageMinutes = new("--outage-window")
    {
        Description = "Minutes a device may be away before its session ends.",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<int> ApprovalSeconds = new("--approval-timeout")
    {
        Description = "Seconds an approval waits for the device before it is denied.",
        DefaultValueFactory = _ => 60,
    };

    private static readonly Option<LogLevel> Log = new("--log-level")
    {
        Description = "How much to log to stderr: Debug, Information, Warning or Error. Never prompts, outputs or keys.",
        DefaultValueFactory = _ => LogLevel.Warning,
    };

    private static readonly Option<bool> ProjectSettings = new("--project-settings")
    {
        Description = "Let Claude load this project's own .claude/settings*.json and .mcp.json (hooks, env, helpers, MCP servers). "
            + "Allowed only after tether trust accepted them; recorded in the audit log. Off by default: only the user's settings load.",
    };

    public static Command Create()
    {
        var command = new Command("run", "Run the host of a project: devices paired with it connect through the relay and drive its agent.")
        {
            Directory, Embedded, RelayUrl, Port, Agent, ClaudePath, Mode, OutageMinutes, ApprovalSeconds, Log,
        };
        command.Options.Add(ProjectSettings);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        if (parse.GetValue(Embedded) && !string.IsNullOrWhiteSpace(parse.GetValue(RelayUrl)))
        {
            await Console.Error.WriteLineAsync("tether run: --embedded and --relay exclude each other: the host uses one relay").ConfigureAwait(false);
            return 2;
        }

        var agentName = parse.GetValue(Agent);
        if (agentName is not ("claude" or "echo"))
        {
            await Console.Error.WriteLineAsync($"tether run: unknown agent '{agentName}'; this version has: claude, echo").ConfigureAwait(false);
            return 2;
        }

        if (parse.GetValue(OutageMinutes) is < 1 or > 24 * 60 || parse.GetValue(ApprovalSeconds) is < 5 or > 3600)
        {
            await Console.Error.WriteLineAsync("tether run: --outage-window is 1..1440 minutes and --approval-timeout 5..3600 seconds").ConfigureAwait(false);
            return 2;
        }

        if (!PermissionModes.TryParse(parse.GetValue(Mode)!, out var mode, out var modeError))
        {
            await Console.Error.WriteLineAsync($"tether run: --permission-mode: {modeError}").ConfigureAwait(false);
            return 2;
        }

        var level = parse.GetValue(Log);
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(level).AddSimpleConsole(console => console.SingleLine = true));
        RelayServer? embedded = null;
        try
        {
            var root = ConfigRoot.ForCurrentUser();
            var project = ProjectLocator.Locate(parse.GetValue(Directory)?.FullName);

            // ── Workspace trust (invariant 10): no agent starts in a workspace whose settings, MCP servers or
            // plugins could run code, until the user has trusted exactly these files with `tether trust`.
            if (!WorkspaceTrustGate.MayRun(root, project, parse.GetValue(ProjectSettings)))
            {
                return 1;
            }

            using var identity = HostKeyStore.LoadOrCreate(root, project);
            var hostName = PairingFlow.HostNameFor(project);
            var relayUrl = RelayOption.Parse(parse.GetValue(RelayUrl));
            if (relayUrl is null)
            {
                embedded = await EmbeddedRelay.StartAsync(parse.GetValue(Port), level, cancel).ConfigureAwait(false);
                relayUrl = embedded.Urls[0];
            }

            var agent = agentName == "claude"
                ? await ClaudeAgents.PrepareAsync(root, project, parse.GetValue(ClaudePath)?.FullName, mode, parse.GetValue(ProjectSettings), loggers, cancel).ConfigureAwait(false)
                : null;
            await using var host = await HostRuntime.StartAsync(new HostRuntimeOptions
            {
                Root = root,
                Project = project,
                Identity = identity,
                RelayUrl = relayUrl,
                HostName = hostName,
                OutageWindow = TimeSpan.FromMinutes(parse.GetValue(OutageMinutes)),
                ApprovalDeadline = TimeSpan.FromSeconds(parse.GetValue(ApprovalSeconds)),
                PermissionMode = mode,
                Agent = agent,
                LoggerFactory = loggers,
                Say = line => AnsiConsole.MarkupLineInterpolated($"[dim]{DateTime.Now:HH:mm:ss}[/] {line}"),
            }).ConfigureAwait(false);

            AnsiConsole.MarkupLineInterpolated($"Tether host for [bold]{project.Path}[/], relay {relayUrl}, agent {agentName} ({mode.ToFlag()} mode).");
            var paired = new DeviceRegistry(root, project.Id).List().Count(d => !d.IsRevoked);
            if (paired == 0)
            {
                // Ready to pair at once: a fresh project has nobody to drive it yet.
                AnsiConsole.MarkupLine("No device is paired with this project yet.");
                if (!await PairingFlow.RunAsync(root, project, identity, relayUrl, hostName, loggers, cancel).ConfigureAwait(false))
                {
                    AnsiConsole.MarkupLine("The host keeps running; pair a device with [bold]tether pair[/] in this project.");
                }
            }
            else
            {
                AnsiConsole.MarkupLine($"{paired} paired device(s) may connect; [bold]tether pair[/] adds one. Ctrl-C stops the host.");
            }
            try
            {
                await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("Stopping: pending approvals are denied.");
            }

            return 0;
        }
        catch (Exception e) when (e is KeyStoreException or HostAlreadyRunningException or DirectoryNotFoundException or IOException or InvalidOperationException or ArgumentException or ClaudeSetupException)
        {
            await Console.Error.WriteLineAsync($"tether run: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                await embedded.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
