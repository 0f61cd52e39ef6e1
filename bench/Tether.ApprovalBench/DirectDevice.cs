using Tether.Host.Agents;
using Tether.Host.Approvals;
using Tether.Protocol.Session;

namespace Tether.ApprovalBench;

/// <summary>The baseline: the same scripted answers, handed to the broker in-process, with no relay, Noise or socket in between.</summary>
internal sealed class DirectDevice : IDeviceLink, ISessionOutput
{
    private readonly TaskCompletionSource _turnEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ISessionOutput Output => this;

    public ApprovalBroker? Approvals { get; set; }

    public Task TurnEnded => _turnEnded.Task;

    public bool DeviceConnected => true;

    public Task SendAsync(SessionMessage message, CancellationToken cancellationToken)
    {
        // Through the wire format both ways, as a device's messages would go.
        SessionMessages.TryDecode(SessionMessages.Encode(message), out var seen);
        switch (seen)
        {
            case ApprovalRequestMessage request:
                var answer = new ApprovalAnswerMessage { Id = request.Id, InputSha256 = SessionMessages.HashInput(request.Input), Decision = "allow" };
                SessionMessages.TryDecode(SessionMessages.Encode(answer), out var back);
                Approvals!.Answer((ApprovalAnswerMessage)back!);
                break;
            case TurnResultMessage:
                _turnEnded.TrySetResult();
                break;
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
