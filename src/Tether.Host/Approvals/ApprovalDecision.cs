namespace Tether.Host.Approvals;

/// <summary>How an approval request ended. Anything but an explicit allow from the device is a deny.</summary>
/// <param name="Allowed">True only for a device's allow that named the request's id and input hash.</param>
/// <param name="By"><c>device</c>, <c>rule Tool(content)</c>, <c>policy</c>, <c>timeout</c>, <c>no-device</c> or <c>stopping</c>.</param>
/// <param name="Reason">Why, in words the agent (and the person) can read.</param>
/// <param name="Rule">With a device's allow: the session rule it asked to add, if any.</param>
public sealed record ApprovalDecision(bool Allowed, string By, string Reason, Tether.Protocol.Session.SessionRule? Rule = null);
