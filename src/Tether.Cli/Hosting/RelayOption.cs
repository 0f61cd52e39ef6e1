namespace Tether.Cli.Hosting;

/// <summary>The <c>--relay</c> value of <c>tether run</c> and <c>tether pair</c>: an absolute http(s) URL.</summary>
internal static class RelayOption
{
    /// <summary>The URL, or null when none was given.</summary>
    /// <exception cref="ArgumentException">The value is not an absolute http or https URL.</exception>
    public static Uri? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url
            : throw new ArgumentException($"--relay {text}: give the relay's URL, e.g. https://relay.example.com (http only on loopback)");
    }
}
