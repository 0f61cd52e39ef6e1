namespace Tether.Host.Tests.Support;

/// <summary>Codes a user might type.</summary>
internal static class Codes
{
    /// <summary>A well-formed code that differs from <paramref name="shown"/> in its first digit (grouped, as a user types it).</summary>
    public static string Not(string shown, int salt = 1)
    {
        var first = (char)('0' + (((shown[0] - '0') + salt) % 10));
        return $"{first}{shown[1..4]} {shown[4..]}";
    }

    /// <summary>The prompt answer "wait until cancelled".</summary>
    public static async Task<string> Never(CancellationToken cancellationToken)
    {
        await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
        return string.Empty;
    }
}
