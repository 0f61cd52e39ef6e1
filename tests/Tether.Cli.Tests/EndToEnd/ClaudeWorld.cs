using System.Diagnostics;
using System.Text.Json;
using Tether.Cli.Tests.Support;
using Tether.FakeAnthropic;

namespace Tether.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 5's world: the real `claude` (pinned, from tools/claude-code) under `tether run`, talking to
/// the scripted fake of the Anthropic API on loopback (the only stand-in), and a terminal paired as
/// the device through `tether attach --json`.
/// </summary>
internal sealed class ClaudeWorld : IAsyncDisposable
{
    private readonly ClaudeEnvironment _claudeEnvironment;
    private readonly string _port = FreePort();

    private ClaudeWorld(FakeAnthropicServer api)
    {
        Api = api;
        _claudeEnvironment = ClaudeEnvironment.Create(api.Url);
        Git("init", "-q");
    }

    public FakeAnthropicServer Api { get; }

    public TetherUser Workstation { get; } = new();

    public TetherUser Terminal { get; } = new();

    public TetherProcess? Host { get; private set; }

    public TetherProcess? Device { get; private set; }

    public string Project => Workstation.WorkingDirectory;

    public static async Task<ClaudeWorld> StartAsync() => new(await FakeAnthropicServer.StartAsync());

    /// <summary>Starts `tether run --agent claude` with <paramref name="extra"/> options; pairs the terminal the first time.</summary>
    public async Task StartHostAsync(params string[] extra)
    {
        var environment = _claudeEnvironment.Variables.ToDictionary(p => p.Key, p => (string?)p.Value);
        Host = TetherProcess.Start(Workstation, environment, ["run", "--agent", "claude", "--claude", ClaudeBinary.Locate(), "--port", _port, .. extra]);
        await Host.WaitForLineAsync("Tether host for");
    }

    /// <summary>Pairs the terminal through the host's own prompt (a fresh project has no device).</summary>
    public async Task PairAsync()
    {
        var link = (await Host!.WaitForLineAsync("pairing link: "))["pairing link: ".Length..];
        Device = TetherProcess.Start(Terminal, "attach", link, "--json", "--name", "terminal");
        var sas = JsonDocument.Parse(await Device.WaitForLineAsync("\"type\":\"sas\"")).RootElement.GetProperty("code").GetString()!;
        await Host.WaitForLineAsync("Type the 8 digits");
        await Host.WriteLineAsync(sas);
        await Host.WaitForLineAsync("Name this device");
        await Host.WriteLineAsync(string.Empty);
        await Device.WaitForLineAsync("\"type\":\"session.info\"");
    }

    public Task PromptAsync(string text) =>
        Device!.WriteLineAsync(JsonSerializer.Serialize(new { type = "prompt", text }));

    /// <summary>Waits for the next approval request on the device and returns it.</summary>
    public async Task<JsonElement> NextApprovalAsync(TimeSpan? within = null) =>
        JsonDocument.Parse(await Device!.WaitForLineAsync("\"type\":\"approval.request\"", within ?? TimeSpan.FromSeconds(60))).RootElement;

    public async Task<JsonElement> NextTurnResultAsync(TimeSpan? within = null) =>
        JsonDocument.Parse(await Device!.WaitForLineAsync("\"type\":\"turn.result\"", within ?? TimeSpan.FromSeconds(60))).RootElement;

    public string InProject(string name) => Path.Combine(Project, name);

    public async ValueTask DisposeAsync()
    {
        if (Device is not null)
        {
            await Device.DisposeAsync();
        }

        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Api.DisposeAsync();
        _claudeEnvironment.Dispose();
        Workstation.Dispose();
        Terminal.Dispose();
    }

    public void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start)!;
        git.WaitForExit();
    }

    public static string FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
