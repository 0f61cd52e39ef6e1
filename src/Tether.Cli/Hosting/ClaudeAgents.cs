using Microsoft.Extensions.Logging;
using Tether.Client.Storage;
using Tether.Host.Agents;
using Tether.Host.Agents.Claude;
using Tether.Host.Approvals;
using Tether.Host.Projects;

namespace Tether.Cli.Hosting;

/// <summary>Claude Code as <c>tether run</c>'s agent: checked before the host starts, its approvals through the engine.</summary>
internal static class ClaudeAgents
{
    /// <summary>Checks the binary and its version now (a clear error beats a failure at the first prompt), then returns the agent's factory.</summary>
    /// <exception cref="ClaudeSetupException">claude is missing or too old; the message says how to install it.</exception>
    public static async Task<Func<ISessionOutput, ApprovalEngine, IAgent>> PrepareAsync(
        ConfigRoot root, Project project, string? executable, PermissionMode mode, bool loadProjectSettings, ILoggerFactory loggers, CancellationToken cancel)
    {
        var logger = loggers.CreateLogger("Tether.Claude");
        ClaudeAgentOptions Options(Func<ToolPermissionRequest, CancellationToken, Task<ToolPermissionDecision>> approve) => new()
        {
            ProjectPath = project.Path,
            Executable = executable,
            PermissionMode = mode.ToFlag(),
            LoadProjectSettings = loadProjectSettings,
            StateDirectory = root.Combine("projects", project.Id.Value, "claude"),
            Approve = approve,
            Logger = logger,
        };

        // The probe only runs `claude --version`; it never launches a session, so it never asks anything.
        await using (var probe = new ClaudeAgent(Options((_, _) => Task.FromResult(ToolPermissionDecision.Denied("not a session"))), NoOutput.Instance))
        {
            await probe.EnsureInstalledAsync(cancel).ConfigureAwait(false);
        }

        return (output, engine) => new ClaudeAgent(
            Options(async (request, token) =>
            {
                var decision = await engine.DecideAsync(new ToolCall(request.ToolName, request.Input), token).ConfigureAwait(false);
                return decision.Allowed ? ToolPermissionDecision.Allowed() : ToolPermissionDecision.Denied(decision.Reason);
            }),
            output);
    }

    /// <summary>Where the version probe's (non-existent) messages go.</summary>
    private sealed class NoOutput : ISessionOutput
    {
        public static readonly NoOutput Instance = new();

        public bool DeviceConnected => false;

        public Task SendAsync(Tether.Protocol.Session.SessionMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
