using System.Text.Json;
using Tether.Cli.Tests.Support;
using Tether.Client.Pairing;
using Tether.Client.Relay;
using Tether.Client.Sessions;
using Tether.FakeAnthropic;
using Tether.Protocol.Noise;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;
using Tether.Protocol.Session;

namespace Tether.Cli.Tests.EndToEnd;

/// <summary>
/// A paired device that sends answers the terminal client never would: one naming a request that does
/// not exist, one naming the real request with the hash of another input. Neither decides anything.
/// </summary>
public sealed class ForgedAnswerTests
{
    [Fact]
    public async Task AnAnswerWithAWrongRequestIdOrAWrongInputHash_IsRefused_AndLogged()
    {
        await using var world = await ClaudeWorld.StartAsync();
        world.Api.Enqueue(Reply.Write(world.InProject("forged.txt"), "x"), Reply.Text("ok"));
        await world.StartHostAsync();
        var link = (await world.Host!.WaitForLineAsync("pairing link: "))["pairing link: ".Length..];
        Assert.True(PairingLink.TryParse(link, DateTimeOffset.UtcNow, out var parsed, out _));
        using var deviceKeys = NoiseKeyPair.Generate();
        using var accessKey = DeviceAccessKey.Generate();
        var events = new CodeEvents();
        var pairing = PairingDevice.PairAsync(parsed, new DeviceIdentityForPairing(deviceKeys, accessKey, "forger"), events, (_, _) => Task.CompletedTask, TimeProvider.System);
        var code = await events.Code.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await world.Host.WaitForLineAsync("Type the 8 digits");
        await world.Host.WriteLineAsync(code);
        await world.Host.WaitForLineAsync("Name this device");
        await world.Host.WriteLineAsync(string.Empty);
        var grant = await pairing.WaitAsync(TimeSpan.FromSeconds(30));

        await using var relay = RelayClient.Start(new RelayClientOptions { RelayUrl = new Uri(grant.RelayUrl), Credential = RelayCredential.ForDevice(accessKey, grant.Certificate) });
        await using var channel = ReliableChannel.ForDevice(relay, deviceKeys, grant.HostStaticKey);
        await channel.SendAsync(SessionMessages.Encode(new PromptMessage { Text = "write forged.txt" }));
        var request = await NextAsync<ApprovalRequestMessage>(channel);

        await channel.SendAsync(SessionMessages.Encode(new ApprovalAnswerMessage { Id = "0123456789abcdef", InputSha256 = request.InputSha256, Decision = "allow" }));
        Assert.Contains("does not match", (await NextAsync<NoticeMessage>(channel)).Text, StringComparison.Ordinal);
        var otherInput = SessionMessages.HashInput(request.Input.Replace("forged.txt", "other.txt", StringComparison.Ordinal));
        await channel.SendAsync(SessionMessages.Encode(new ApprovalAnswerMessage { Id = request.Id, InputSha256 = otherInput, Decision = "allow" }));
        Assert.Contains("does not match", (await NextAsync<NoticeMessage>(channel)).Text, StringComparison.Ordinal);
        Assert.False(File.Exists(world.InProject("forged.txt")));

        await channel.SendAsync(SessionMessages.Encode(new ApprovalAnswerMessage { Id = request.Id, InputSha256 = request.InputSha256, Decision = "deny" }));
        await NextAsync<TurnResultMessage>(channel);
        Assert.False(File.Exists(world.InProject("forged.txt")));

        await using var audit = TetherProcess.Start(world.Workstation, "audit", "show", "--json");
        Assert.Equal(0, await audit.WaitForExitAsync());
        Assert.Equal(2, audit.Output.Split('\n').Count(line => line.Contains("approval.answer_refused", StringComparison.Ordinal)));
    }

    private static async Task<T> NextAsync<T>(ReliableChannel channel)
        where T : SessionMessage
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var bytes = await channel.Messages.ReadAsync(timeout.Token);
            if (SessionMessages.TryDecode(bytes, out var message) && message is T wanted)
            {
                return wanted;
            }
        }
    }

    private sealed class CodeEvents : IDevicePairingEvents
    {
        public TaskCompletionSource<string> Code { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ShowCode(string eightDigits) => Code.TrySetResult(eightDigits);

        public void WrongCode(int attemptsLeft)
        {
        }
    }
}
