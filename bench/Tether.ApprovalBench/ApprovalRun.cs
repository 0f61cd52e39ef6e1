using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Client.Storage;
using Tether.FakeAnthropic;
using Tether.Host.Agents.Claude;
using Tether.Host.Approvals;
using Tether.Host.Audit;
using Tether.Host.Projects;
using Tether.Protocol.Session;

namespace Tether.ApprovalBench;

/// <summary>
/// One run: a fresh git project, a script of <c>n</c> Writes (each one asks), the real claude behind the
/// tap, the host's approval engine and audit log as <c>tether run</c> has them, and a device that
/// approves every request the moment it sees it.
/// </summary>
internal static class ApprovalRun
{
    public static async Task<List<double>> MeasureAsync(FakeAnthropicServer api, bool overRelay, int n)
    {
        var home = Directory.CreateTempSubdirectory("tether-approval-bench-");
        try
        {
            var project = Directory.CreateDirectory(Path.Combine(home.FullName, "project")).FullName;
            Process.Start(new ProcessStartInfo("git", ["init", "-q", project]))!.WaitForExit();
            var replies = Enumerable.Range(0, n).Select(i => Reply.Write(Path.Combine(project, $"f{i}.txt"), "x")).Append(Reply.Text("done"));
            api.Enqueue([.. replies]);

            var tapLog = Path.Combine(home.FullName, "tap.log");
            var tap = Path.Combine(AppContext.BaseDirectory, "claude-tap.js");
            File.SetUnixFileMode(tap, (UnixFileMode)Convert.ToInt32("755", 8));
            using var environment = ClaudeEnvironment.Create(api.Url)
                .Set("TETHER_TAP_LOG", tapLog)
                .Set("TETHER_TAP_CLAUDE", ClaudeBinary.Locate());

            var root = new ConfigRoot(Path.Combine(home.FullName, "config"));
            var located = ProjectLocator.Locate(project);
            await using IDeviceLink device = overRelay ? await RelayedDevice.StartAsync() : new DirectDevice();
            var broker = new ApprovalBroker(device.Output, TimeProvider.System, NullLogger.Instance);
            device.Approvals = broker;
            var audit = new ApprovalAudit(AuditLog.Open(root, located.Id), () => "bench device", NullLogger.Instance);
            var engine = new ApprovalEngine(broker, new SessionRules(TimeProvider.System), device.Output, project, PermissionMode.Default, audit);

            await using (var agent = new ClaudeAgent(
                new ClaudeAgentOptions
                {
                    ProjectPath = project,
                    Executable = tap,
                    StateDirectory = Path.Combine(home.FullName, "state"),
                    Environment = environment.Variables.ToDictionary(p => p.Key, p => p.Value),
                    Approve = async (request, token) =>
                    {
                        var decision = await engine.DecideAsync(new ToolCall(request.ToolName, request.Input), token).ConfigureAwait(false);
                        return decision.Allowed ? ToolPermissionDecision.Allowed() : ToolPermissionDecision.Denied(decision.Reason);
                    },
                },
                device.Output))
            {
                await agent.HandleAsync(new PromptMessage { Text = "write the files" }, CancellationToken.None).ConfigureAwait(false);
                await device.TurnEnded.WaitAsync(TimeSpan.FromSeconds(60 + n)).ConfigureAwait(false);
            }

            var written = Enumerable.Range(0, n).Count(i => File.Exists(Path.Combine(project, $"f{i}.txt")));
            if (written != n)
            {
                throw new InvalidOperationException($"only {written} of {n} approved writes happened");
            }

            return Latencies(tapLog);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>Milliseconds from each can_use_tool line (claude's stdout) to its control_response (claude's stdin).</summary>
    private static List<double> Latencies(string tapLog)
    {
        var asked = new Dictionary<string, long>(StringComparer.Ordinal);
        var latencies = new List<double>();
        foreach (var line in File.ReadLines(tapLog))
        {
            var parts = line.Split(' ');
            var at = long.Parse(parts[2], CultureInfo.InvariantCulture);
            if (parts[0] == "out")
            {
                asked[parts[1]] = at;
            }
            else if (asked.Remove(parts[1], out var start))
            {
                latencies.Add((at - start) / 1e6);
            }
        }

        return latencies;
    }
}
