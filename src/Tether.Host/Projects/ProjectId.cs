using System.Security.Cryptography;
using System.Text;

namespace Tether.Host.Projects;

/// <summary>
/// A project's name in the key store: 16 lowercase hex characters of SHA-256 over its canonical path
/// (UTF-8). Stable while the project stays where it is; moving it makes a new project (new keys, new
/// pairings), which is the price of never trusting a marker file inside a possibly hostile repository.
/// </summary>
public readonly record struct ProjectId
{
    /// <summary>Hex characters in an id: 8 bytes of hash are plenty for one user's projects.</summary>
    public const int Length = 16;

    private readonly string? _value;

    private ProjectId(string value)
    {
        _value = value;
    }

    /// <summary>The 16 hex characters.</summary>
    public string Value => _value ?? new string('0', Length);

    /// <summary>The id of the project at <paramref name="canonicalPath"/> (see <see cref="ProjectLocator"/>).</summary>
    public static ProjectId FromPath(string canonicalPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalPath);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonicalPath), hash);
        return new ProjectId(Convert.ToHexStringLower(hash[..(Length / 2)]));
    }

    /// <summary>Parses 16 lowercase hex characters; false for anything else.</summary>
    public static bool TryParse(string? text, out ProjectId id)
    {
        id = default;
        if (text is not { Length: Length } || !text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            return false;
        }

        id = new ProjectId(text);
        return true;
    }

    /// <summary>The 16 hex characters.</summary>
    public override string ToString() => Value;
}
