using System.Net.Http.Json;
using System.Text.Json;
using Tether.FakeAnthropic;

namespace Tether.Host.Tests.Claude;

/// <summary>Posts to the fake's <c>/v1/messages</c> and parses the answer back, SSE or JSON.</summary>
internal static class SseClient
{
    public static async Task<IReadOnlyList<(string Name, JsonElement Data)>> PostAsync(FakeAnthropicServer fake, object body)
    {
        using var http = new HttpClient { BaseAddress = fake.Url };
        using var response = await http.PostAsJsonAsync(new Uri("/v1/messages", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonDocument> PostJsonAsync(FakeAnthropicServer fake, object body)
    {
        using var http = new HttpClient { BaseAddress = fake.Url };
        using var response = await http.PostAsJsonAsync(new Uri("/v1/messages", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Strict SSE: events separated by a blank line, each exactly an <c>event:</c> line then one <c>data:</c> line.</summary>
    public static IReadOnlyList<(string Name, JsonElement Data)> Parse(string text)
    {
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var events = new List<(string, JsonElement)>();
        foreach (var chunk in text[..^2].Split("\n\n"))
        {
            var lines = chunk.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            using var data = JsonDocument.Parse(lines[1]["data: ".Length..]);
            events.Add((lines[0]["event: ".Length..], data.RootElement.Clone()));
        }

        return events;
    }
}
