using System.Globalization;

namespace Tether.Host.Agents.Claude;

/// <summary>A Claude Code version as <c>claude --version</c> prints it: <c>2.1.197 (Claude Code)</c>.</summary>
internal readonly record struct ClaudeVersion(int Major, int Minor, int Patch) : IComparable<ClaudeVersion>
{
    /// <summary>
    /// The oldest version driven: 2.1 is the line whose stream-json control protocol (can_use_tool,
    /// control_cancel_request, equals-form flags) the reference records.
    /// </summary>
    public static readonly ClaudeVersion Minimum = new(2, 1, 0);

    /// <summary>
    /// The version the tests drive (tools/claude-code) and whose behaviour, including which repository
    /// settings run code, the reference records; others work but are not what was checked.
    /// </summary>
    public static readonly ClaudeVersion Pinned = new(2, 1, 197);

    /// <summary>Reads the leading <c>major.minor.patch</c> of <paramref name="text"/>; false for anything else.</summary>
    public static bool TryParse(string text, out ClaudeVersion version)
    {
        version = default;
        var token = text.Trim().Split(' ', 2)[0];
        // A pre-release or build suffix (2.2.0-beta.1) does not change which protocol it speaks.
        var core = token.Split('-', '+')[0];
        var parts = core.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit)
                || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new ClaudeVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public int CompareTo(ClaudeVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public static bool operator <(ClaudeVersion left, ClaudeVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ClaudeVersion left, ClaudeVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ClaudeVersion left, ClaudeVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ClaudeVersion left, ClaudeVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
