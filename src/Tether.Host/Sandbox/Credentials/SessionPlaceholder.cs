using System.Security.Cryptography;
using System.Text;

namespace Tether.Host.Sandbox.Credentials;

/// <summary>
/// The stand-in key the sandboxed agent is given (<c>tether-placeholder-&lt;32 hex&gt;</c>), fresh per session.
/// It is worthless outside the session's injector socket; it is still compared in constant time and never
/// logged, so a request carrying something else cannot learn it.
/// </summary>
public sealed class SessionPlaceholder
{
    private const string Prefix = "tether-placeholder-";

    /// <summary>16 random bytes: unguessable, and short enough for any client's key field.</summary>
    private const int RandomBytes = 16;

    private readonly byte[] _utf8;

    private SessionPlaceholder(string value)
    {
        Value = value;
        _utf8 = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The value to give the agent as ANTHROPIC_API_KEY.</summary>
    public string Value { get; }

    /// <summary>A new random placeholder.</summary>
    public static SessionPlaceholder Create() => new(Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomBytes)));

    /// <summary>Whether <paramref name="candidate"/> is this placeholder (constant time).</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _utf8);

    /// <summary>The type name only; the value goes to the sandbox's environment and nowhere else.</summary>
    public override string ToString() => nameof(SessionPlaceholder);
}
