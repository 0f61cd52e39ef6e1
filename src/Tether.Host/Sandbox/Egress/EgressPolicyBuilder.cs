namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// Assembles an <see cref="EgressPolicy"/> from the defaults, the registries the project's files name and
/// the user's configuration. Every bad entry is collected, so one error message lists them all.
/// </summary>
public sealed class EgressPolicyBuilder
{
    /// <summary>The Messages API; the agent cannot work without it.</summary>
    public const string AnthropicApiHost = "api.anthropic.com";

    private readonly List<string> _allow = [AnthropicApiHost];
    private readonly List<string> _deny = [];
    private readonly List<string> _addresses = [];

    /// <summary>Allows the package registries that <paramref name="projectRoot"/>'s files name (<see cref="ProjectRegistries"/>).</summary>
    public EgressPolicyBuilder AddProjectRegistries(string projectRoot)
    {
        _allow.AddRange(ProjectRegistries.Detect(projectRoot));
        return this;
    }

    /// <summary>Adds user allow rules: exact names or <c>*.domain</c>.</summary>
    public EgressPolicyBuilder Allow(params IEnumerable<string> rules)
    {
        _allow.AddRange(rules);
        return this;
    }

    /// <summary>Adds deny rules; a deny rule wins over every allow rule.</summary>
    public EgressPolicyBuilder Deny(params IEnumerable<string> rules)
    {
        _deny.AddRange(rules);
        return this;
    }

    /// <summary>Lets allowed names resolve into these CIDR ranges although they are loopback, private or link-local.</summary>
    public EgressPolicyBuilder AllowAddressRanges(params IEnumerable<string> ranges)
    {
        _addresses.AddRange(ranges);
        return this;
    }

    /// <summary>Builds the policy.</summary>
    /// <exception cref="ArgumentException">Some rule or range is not valid; the message names each.</exception>
    public EgressPolicy Build()
    {
        var errors = new List<string>();
        var allow = ParseRules(_allow, errors);
        var deny = ParseRules(_deny, errors);
        var ranges = new List<AddressRange>();
        foreach (var text in _addresses)
        {
            if (AddressRange.Parse(text) is { } range)
            {
                ranges.Add(range);
            }
            else
            {
                errors.Add($"'{text}' is not an address range");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The egress policy is not valid: " + string.Join("; ", errors));
        }

        return new EgressPolicy(allow, deny, ranges);
    }

    private static List<DomainRule> ParseRules(IEnumerable<string> texts, List<string> errors)
    {
        var rules = new List<DomainRule>();
        foreach (var text in texts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (DomainRule.Parse(text, out var error) is { } rule)
            {
                rules.Add(rule);
            }
            else
            {
                errors.Add(error);
            }
        }

        return rules;
    }
}
