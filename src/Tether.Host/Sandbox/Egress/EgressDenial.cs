namespace Tether.Host.Sandbox.Egress;

/// <summary>A refused connection, for the device: what the agent tried to reach and why it was refused.</summary>
/// <param name="Host">The host as the agent named it.</param>
/// <param name="Port">The port it asked for.</param>
/// <param name="Reason">One of the reasons in <c>docs/security.md</c> (<c>not-on-allowlist</c>, <c>sni-mismatch</c>, …).</param>
public sealed record EgressDenial(string Host, int Port, string Reason);
