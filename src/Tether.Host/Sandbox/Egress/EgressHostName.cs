using System.Net;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// Canonical host names for matching: ASCII only, lower case, no trailing dot, every label a valid LDH label.
/// </summary>
/// <remarks>
/// IDNA decision: Unicode names are refused rather than converted. Clients (curl, Node, .NET) already send
/// A-labels (<c>xn--…</c>) in CONNECT and in SNI, and converting here would need the ICU tables that tether runs
/// without (invariant globalization) and would let two spellings meet one rule. A-labels are compared as the
/// ASCII they are, so a rule for an internationalized domain is written in its <c>xn--</c> form.
/// IP literals are never names: they cannot match a rule, so a CONNECT to one is refused.
/// </remarks>
internal static class EgressHostName
{
    /// <summary>Returns the canonical form of <paramref name="raw"/>, or null with <paramref name="reason"/> set.</summary>
    public static string? Canonicalize(string raw, out string reason)
    {
        var name = raw.EndsWith('.') ? raw[..^1] : raw;
        if (name.Length == 0 || name.Length > EgressLimits.MaxHostNameLength)
        {
            reason = EgressReasons.BadHostName;
            return null;
        }

        if (IPAddress.TryParse(name.Trim('[', ']'), out _) || LooksNumeric(name))
        {
            reason = EgressReasons.IpLiteral;
            return null;
        }

        foreach (var c in name)
        {
            if (c > 0x7f)
            {
                reason = EgressReasons.NonAsciiName;
                return null;
            }
        }

        name = name.ToLowerInvariant();
        foreach (var label in name.Split('.'))
        {
            if (!IsLdhLabel(label))
            {
                reason = EgressReasons.BadHostName;
                return null;
            }
        }

        reason = string.Empty;
        return name;
    }

    // "1.2.3.4", "0x7f.1", "2130706433": some resolvers read these as addresses even where IPAddress does not.
    private static bool LooksNumeric(string name)
    {
        var last = name[(name.LastIndexOf('.') + 1)..];
        return last.Length > 0 && (last.All(char.IsAsciiDigit) || last.StartsWith("0x", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsLdhLabel(string label)
    {
        if (label.Length == 0 || label.Length > EgressLimits.MaxLabelLength || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
