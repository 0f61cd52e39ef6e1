using System.Text.Json;
using Tether.Cli.Tests.Support;

namespace Tether.Cli.Tests.EndToEnd;

/// <summary>
/// The whole of issue 4 as a person meets it, through the real `tether` processes: a host (`tether run`,
/// relay embedded on loopback), `tether pair` on the workstation, and `tether attach --json` as the
/// device, each with its own config directory.
/// </summary>
public sealed class PairAndAttachTests
{
    [Fact]
    public async Task APairedTerminal_DrivesTheEchoAgent_AndAnswersApprovals()
    {
        using var workstation = new TetherUser();
        using var terminal = new TetherUser();
        var port = FreePort();
        await using var host = TetherProcess.Start(workstation, "run", "--agent", "echo", "--port", port);

        // A project with no device: `tether run` offers a link at once and asks for the code itself.
        var device = await PairThroughAsync(host, terminal, "phone-one");
        await using (device)
        {
            await device.WaitForLineAsync("\"type\":\"session.info\"");
            await device.WriteLineAsync("""{"type":"prompt","text":"hello over the relay"}""");
            Assert.Equal("echo: hello over the relay", await ReadTurnTextAsync(device));

            await device.WriteLineAsync("""{"type":"prompt","text":"ask: please"}""");
            var request = JsonDocument.Parse(await device.WaitForLineAsync("\"type\":\"approval.request\"")).RootElement;
            Assert.Equal("Echo", request.GetProperty("tool").GetString());
            await device.WriteLineAsync($$"""{"type":"approve","id":"{{request.GetProperty("id").GetString()}}"}""");
            Assert.Contains("\"decision\":\"allow\"", await device.WaitForLineAsync("\"type\":\"approval.resolved\""), StringComparison.Ordinal);
            Assert.Equal("echo: please", await ReadTurnTextAsync(device));
        }

        // Everything above is in the project's audit log, chained and intact.
        await using (var verify = TetherProcess.Start(workstation, "audit", "verify"))
        {
            Assert.Equal(0, await verify.WaitForExitAsync());
        }

        await using var show = TetherProcess.Start(workstation, "audit", "show", "--json");
        Assert.Equal(0, await show.WaitForExitAsync());
        Assert.Contains("\"kind\":\"device.connect\"", show.Output, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"approval.request\"", show.Output, StringComparison.Ordinal);
        Assert.Contains("device phone-one", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusShowsTheHost_AndRevokingTheDevice_DropsItsLiveSession()
    {
        using var workstation = new TetherUser();
        using var terminal = new TetherUser();
        await using var host = TetherProcess.Start(workstation, "run", "--agent", "echo", "--port", FreePort());
        await host.WaitForLineAsync("Tether host for");
        var (device, name) = await PairAsync(workstation, terminal, "doomed");
        await using (device)
        {
            await device.WaitForLineAsync("\"type\":\"session.info\"");

            await using (var status = TetherProcess.Start(workstation, "status", "--json"))
            {
                var line = await status.WaitForLineAsync("\"project\"");
                Assert.Contains($"\"name\":\"{name}\"", line, StringComparison.Ordinal);
                Assert.Contains("\"active\":true", line, StringComparison.Ordinal);
                Assert.Equal(0, await status.WaitForExitAsync());
            }

            await using (var revoke = TetherProcess.Start(workstation, "devices", "revoke", name))
            {
                Assert.Equal(0, await revoke.WaitForExitAsync());
            }

            var ended = await device.WaitForLineAsync("\"type\":\"ended\"");
            Assert.Contains("\"reason\":\"revoked\"", ended, StringComparison.Ordinal);
            Assert.Equal(1, await device.WaitForExitAsync());
        }

        // It can never come back: a new attach is refused before any session.
        await using var again = TetherProcess.Start(terminal, "attach", "--json");
        var end = await again.WaitForLineAsync("\"type\":\"ended\"");
        Assert.Contains("revoked", end, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInteractiveTerminal_ShowsTheConversation_AndAsksForApprovalWithAClearQuestion()
    {
        using var workstation = new TetherUser();
        using var terminal = new TetherUser();
        await using var host = TetherProcess.Start(workstation, "run", "--agent", "echo", "--port", FreePort());
        await host.WaitForLineAsync("Tether host for");
        var (paired, _) = await PairAsync(workstation, terminal, "laptop");
        await paired.StopAsync();
        await paired.DisposeAsync();

        // `tether attach` with no link reconnects to the one paired host.
        await using var device = TetherProcess.Start(terminal, "attach");
        await device.WaitForLineAsync("Connected to the host");
        await device.WriteLineAsync("say hi");
        await device.WaitForLineAsync("echo: say hi");
        await device.WriteLineAsync("ask: may I?");
        await device.WaitForLineAsync("Approve? y/n");
        await device.WriteLineAsync("y");
        await device.WaitForLineAsync("Approved");
        await device.WaitForLineAsync("echo: may I?");
    }

    [Fact]
    public async Task AfterTheHostRestarts_TheTerminalReconnectsByItself_AndIsToldTheSessionIsNew()
    {
        using var workstation = new TetherUser();
        using var terminal = new TetherUser();
        var port = FreePort();
        var host = TetherProcess.Start(workstation, "run", "--agent", "echo", "--port", port);
        await host.WaitForLineAsync("Tether host for");
        var (device, _) = await PairAsync(workstation, terminal, "patient");
        await using (device)
        {
            await device.WaitForLineAsync("\"type\":\"session.info\"");
            Assert.Equal(0, await host.StopAsync());
            await host.DisposeAsync();
            await device.WaitForLineAsync("\"state\":\"reconnecting\"");

            await using var restarted = TetherProcess.Start(workstation, "run", "--agent", "echo", "--port", port);
            await device.WaitForLineAsync("new session");
            await device.WaitForLineAsync("\"type\":\"session.info\"");
            await device.WriteLineAsync("""{"type":"prompt","text":"still here"}""");
            Assert.Equal("echo: still here", await ReadTurnTextAsync(device));
        }
    }

    /// <summary>`tether pair` on the workstation, `tether attach link --json` as the device; the code the device shows is typed on the host.</summary>
    private static async Task<(TetherProcess Device, string Name)> PairAsync(TetherUser workstation, TetherUser terminal, string name)
    {
        await using var pair = TetherProcess.Start(workstation, "pair");
        var device = await PairThroughAsync(pair, terminal, name);
        Assert.Equal(0, await pair.WaitForExitAsync());
        return (device, name);
    }

    /// <summary>Pairs a new terminal through whichever workstation process shows the link and asks for the code.</summary>
    private static async Task<TetherProcess> PairThroughAsync(TetherProcess workstation, TetherUser terminal, string name)
    {
        var link = (await workstation.WaitForLineAsync("pairing link: "))["pairing link: ".Length..];
        var device = TetherProcess.Start(terminal, "attach", link, "--json", "--name", name);
        var sas = JsonDocument.Parse(await device.WaitForLineAsync("\"type\":\"sas\"")).RootElement.GetProperty("code").GetString()!;
        await workstation.WaitForLineAsync("Type the 8 digits");
        await workstation.WriteLineAsync(sas[..4] + " " + sas[4..]);
        await workstation.WaitForLineAsync("Name this device");
        await workstation.WriteLineAsync(string.Empty);
        await workstation.WaitForLineAsync("Paired");
        await device.WaitForLineAsync("\"type\":\"paired\"");
        return device;
    }

    private static async Task<string> ReadTurnTextAsync(TetherProcess device)
    {
        var text = "";
        while (true)
        {
            var line = await device.WaitForLineAsync(l => l.Contains("\"type\":\"agent.text\"", StringComparison.Ordinal) || l.Contains("\"type\":\"turn.result\"", StringComparison.Ordinal));
            var message = JsonDocument.Parse(line).RootElement;
            if (message.GetProperty("type").GetString() == "turn.result")
            {
                return text;
            }

            text += message.GetProperty("text").GetString();
        }
    }

    private static string FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
