using System.Net;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// What the sandboxed agent may reach: allowed names, deny rules that win over them, and address ranges an
/// allowed name may resolve to although they are normally refused (tests allow loopback this way).
/// Build one with <see cref="EgressPolicyBuilder"/>.
/// </summary>
public sealed class EgressPolicy
{
    internal EgressPolicy(IReadOnlyList<DomainRule> allow, IReadOnlyList<DomainRule> deny, IReadOnlyList<AddressRange> allowedAddresses)
    {
        Allow = allow;
        Deny = deny;
        AllowedAddresses = allowedAddresses;
    }

    internal IReadOnlyList<DomainRule> Allow { get; }

    internal IReadOnlyList<DomainRule> Deny { get; }

    internal IReadOnlyList<AddressRange> AllowedAddresses { get; }

    /// <summary>The allow rules as written (for <c>tether</c> to show the user).</summary>
    public IReadOnlyList<string> AllowedNames => [.. Allow.Select(r => r.ToString())];

    /// <summary>Why the canonical <paramref name="host"/> is refused, or null if it may be reached.</summary>
    internal string? HostDenial(string host)
    {
        if (Deny.Any(r => r.Matches(host)))
        {
            return EgressReasons.DeniedByRule;
        }

        return Allow.Any(r => r.Matches(host)) ? null : EgressReasons.NotOnAllowlist;
    }

    /// <summary>Why <paramref name="address"/> may not be dialled, or null; an explicit allowance beats the built-in refusals.</summary>
    internal string? AddressDenial(IPAddress address) =>
        AllowedAddresses.Any(r => r.Contains(address)) ? null : ForbiddenAddresses.Reason(address);
}
