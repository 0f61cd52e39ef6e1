using System.Globalization;
using System.Text.RegularExpressions;

namespace Tether.Relay.Tests.Support;

/// <summary>Reads the relay's /metrics.</summary>
internal static partial class Metrics
{
    public static async Task<string> ScrapeAsync(TestRelay relay)
    {
        using var http = new HttpClient { BaseAddress = relay.BaseUri };
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    /// <summary>The value of one sample, e.g. <c>tether_relay_disconnects_total{reason="slow-consumer"}</c>.</summary>
    public static async Task<long> ValueAsync(TestRelay relay, string sample)
    {
        foreach (Match m in Sample().Matches(await ScrapeAsync(relay)))
        {
            if (m.Groups[1].Value == sample)
            {
                return long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        throw new Xunit.Sdk.XunitException($"no sample {sample}");
    }

    /// <summary>Polls until a sample reaches <paramref name="atLeast"/>, or fails after 5 s.</summary>
    public static async Task WaitForAsync(TestRelay relay, string sample, long atLeast)
    {
        for (var i = 0; i < 250; i++)
        {
            if (await ValueAsync(relay, sample) >= atLeast)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"{sample} stayed below {atLeast}");
    }

    [GeneratedRegex(@"^(\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
