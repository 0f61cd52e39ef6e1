using Microsoft.Extensions.Logging.Abstractions;
using Tether.Host.Agents;
using Tether.Host.Approvals;
using Tether.Protocol.Session;

namespace Tether.Host.Tests.Approvals;

/// <summary>The stand-in agent of issue 4: enough behaviour to drive sessions, approvals and interrupts end to end.</summary>
public sealed class EchoAgentTests
{
    [Fact]
    public async Task APrompt_IsStreamedBack_AndTheTurnEnds()
    {
        var output = new RecordingOutput();
        await using var agent = new EchoAgent(output, Engine(output, new ApprovalBroker(output, TimeProvider.System, NullLogger.Instance)));

        await agent.HandleAsync(new PromptMessage { Text = "hello there, this prompt is longer than one piece" }, CancellationToken.None);

        Assert.Equal("running", (await output.NextAsync<AgentStateMessage>()).State);
        var text = "";
        while (text.Length < "echo: hello there, this prompt is longer than one piece".Length)
        {
            text += (await output.NextAsync<AgentTextMessage>()).Text;
        }

        Assert.Equal("echo: hello there, this prompt is longer than one piece", text);
        Assert.Equal("done", (await output.NextAsync<TurnResultMessage>()).Outcome);
        Assert.Equal("idle", (await output.NextAsync<AgentStateMessage>()).State);
    }

    [Fact]
    public async Task AnAskedEcho_WaitsForApproval_AndADenyKeepsItsTextOut()
    {
        var output = new RecordingOutput();
        var broker = new ApprovalBroker(output, TimeProvider.System, NullLogger.Instance);
        await using var agent = new EchoAgent(output, Engine(output, broker));

        await agent.HandleAsync(new PromptMessage { Text = EchoAgent.AskPrefix + "secret plan" }, CancellationToken.None);
        var request = await output.NextAsync<ApprovalRequestMessage>();
        Assert.Equal(("Echo", "{\"text\":\"secret plan\"}"), (request.Tool, request.Input));
        Assert.True(broker.Answer(new ApprovalAnswerMessage { Id = request.Id, InputSha256 = request.InputSha256, Decision = "deny", Reason = "no" }));

        var reply = await output.NextAsync<AgentTextMessage>();
        Assert.DoesNotContain("secret plan", reply.Text, StringComparison.Ordinal);
        Assert.Equal("done", (await output.NextAsync<TurnResultMessage>()).Outcome);
    }

    [Fact]
    public async Task AnInterruptWhileWaitingForApproval_EndsTheTurnInterrupted_AndDeniesTheRequest()
    {
        var output = new RecordingOutput();
        await using var agent = new EchoAgent(output, Engine(output, new ApprovalBroker(output, TimeProvider.System, NullLogger.Instance)));

        await agent.HandleAsync(new PromptMessage { Text = EchoAgent.AskPrefix + "x" }, CancellationToken.None);
        await output.NextAsync<ApprovalRequestMessage>();
        await agent.HandleAsync(new InterruptMessage(), CancellationToken.None);

        Assert.Equal("deny", (await output.NextAsync<ApprovalResolvedMessage>()).Decision);
        Assert.Equal("interrupted", (await output.NextAsync<TurnResultMessage>()).Outcome);
    }

    private static ApprovalEngine Engine(RecordingOutput output, ApprovalBroker broker) =>
        new(broker, new SessionRules(TimeProvider.System), output, "/p", PermissionMode.Default);
}
