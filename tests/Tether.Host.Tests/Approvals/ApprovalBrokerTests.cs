using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Host.Approvals;
using Tether.Protocol.Session;

namespace Tether.Host.Tests.Approvals;

/// <summary>Invariant 4: an approval is an explicit answer bound to the request; everything else is a deny.</summary>
public sealed class ApprovalBrokerTests
{
    private static readonly JsonElement Input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["command"] = "npm test" });

    [Fact]
    public async Task AnAnswerNamingTheRequestAndItsInputHash_Allows()
    {
        var output = new RecordingOutput();
        var broker = new ApprovalBroker(output, TimeProvider.System, NullLogger.Instance);

        var decision = broker.RequestAsync("Bash", Input, "npm test", "/p", CancellationToken.None);
        var request = await output.NextAsync<ApprovalRequestMessage>();
        Assert.Equal(SessionMessages.HashInput(request.Input), request.InputSha256);
        Assert.True(broker.Answer(new ApprovalAnswerMessage { Id = request.Id, InputSha256 = request.InputSha256, Decision = "allow" }));

        Assert.True((await decision).Allowed);
        Assert.Equal("allow", (await output.NextAsync<ApprovalResolvedMessage>()).Decision);
    }

    [Fact]
    public async Task AnAnswerWithAnotherInputHash_DecidesNothing_AndTheDeadlineDenies()
    {
        var output = new RecordingOutput();
        var broker = new ApprovalBroker(output, TimeProvider.System, NullLogger.Instance, TimeSpan.FromMilliseconds(300));

        var decision = broker.RequestAsync("Bash", Input, "npm test", "/p", CancellationToken.None);
        var request = await output.NextAsync<ApprovalRequestMessage>();
        Assert.False(broker.Answer(new ApprovalAnswerMessage { Id = request.Id, InputSha256 = SessionMessages.HashInput("{\"command\":\"rm -rf /\"}"), Decision = "allow" }));
        Assert.False(broker.Answer(new ApprovalAnswerMessage { Id = "0000000000000000", InputSha256 = request.InputSha256, Decision = "allow" }));

        var result = await decision;
        Assert.False(result.Allowed);
        Assert.Equal("timeout", result.By);
    }

    [Fact]
    public async Task WithNoDeviceConnected_TheRequestIsDeniedAtOnce()
    {
        var broker = new ApprovalBroker(new RecordingOutput { DeviceConnected = false }, TimeProvider.System, NullLogger.Instance);

        var result = await broker.RequestAsync("Write", Input, "write", "/p", CancellationToken.None);

        Assert.Equal((false, "no-device"), (result.Allowed, result.By));
    }

    [Fact]
    public async Task StoppingTheHost_DeniesWhatIsPending_AndWhatComesAfter()
    {
        var output = new RecordingOutput();
        var broker = new ApprovalBroker(output, TimeProvider.System, NullLogger.Instance);
        var pending = broker.RequestAsync("Bash", Input, "npm test", "/p", CancellationToken.None);
        await output.NextAsync<ApprovalRequestMessage>();

        broker.Stop();

        Assert.Equal((false, "stopping"), ((await pending).Allowed, (await pending).By));
        Assert.Equal("stopping", (await broker.RequestAsync("Bash", Input, "x", "/p", CancellationToken.None)).By);
    }

    [Fact]
    public async Task AnyDecisionOtherThanAllow_IsADeny()
    {
        var output = new RecordingOutput();
        var broker = new ApprovalBroker(output, TimeProvider.System, NullLogger.Instance);

        var decision = broker.RequestAsync("Bash", Input, "npm test", "/p", CancellationToken.None);
        var request = await output.NextAsync<ApprovalRequestMessage>();
        Assert.True(broker.Answer(new ApprovalAnswerMessage { Id = request.Id, InputSha256 = request.InputSha256, Decision = "ALLOW", Reason = "case matters" }));

        Assert.False((await decision).Allowed);
    }
}
