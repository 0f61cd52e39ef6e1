using Tether.Host.Agents;
using Tether.Host.Approvals;

namespace Tether.ApprovalBench;

/// <summary>The host's output and, behind it, a device that approves everything at once.</summary>
internal interface IDeviceLink : IAsyncDisposable
{
    ISessionOutput Output { get; }

    /// <summary>Where the device's answers land on the host.</summary>
    ApprovalBroker? Approvals { get; set; }

    /// <summary>Completes when the device sees the turn's result.</summary>
    Task TurnEnded { get; }
}
