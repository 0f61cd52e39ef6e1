namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// One allow or deny entry: an exact name (<c>api.anthropic.com</c>) or strict subdomains (<c>*.crates.io</c>
/// matches <c>static.crates.io</c>, never <c>crates.io</c> itself). Names are canonical (<see cref="EgressHostName"/>).
/// </summary>
internal sealed record DomainRule(string Name, bool Subdomains)
{
    private const string WildcardPrefix = "*.";

    /// <summary>Parses a rule, or returns null with <paramref name="error"/> set (IP literals and bare <c>*</c> are not rules).</summary>
    public static DomainRule? Parse(string text, out string error)
    {
        var subdomains = text.StartsWith(WildcardPrefix, StringComparison.Ordinal);
        var name = EgressHostName.Canonicalize(subdomains ? text[WildcardPrefix.Length..] : text, out var reason);
        if (name is null)
        {
            error = $"'{text}' is not a domain rule ({reason})";
            return null;
        }

        error = string.Empty;
        return new DomainRule(name, subdomains);
    }

    /// <summary>Whether the canonical <paramref name="host"/> falls under this rule.</summary>
    public bool Matches(string host) => Subdomains
        ? host.Length > Name.Length + 1 && host.EndsWith(Name, StringComparison.Ordinal) && host[^(Name.Length + 1)] == '.'
        : string.Equals(host, Name, StringComparison.Ordinal);

    public override string ToString() => Subdomains ? WildcardPrefix + Name : Name;
}
