using Tether.Protocol.Session;

namespace Tether.Host.Approvals;

/// <summary>One request waiting for its answer.</summary>
internal sealed class PendingApproval(ApprovalRequestMessage request)
{
    public ApprovalRequestMessage Request { get; } = request;

    public TaskCompletionSource<ApprovalDecision> Decision { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
