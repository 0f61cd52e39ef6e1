using System.Net;
using Tether.Relay.Tests.Support;

namespace Tether.Relay.Tests.StaticFiles;

/// <summary>The web client's files (issue 3 item 6): strict CSP, no inline script, no third-party origin.</summary>
public sealed class StaticFilesTests
{
    private const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/pair", "text/html")]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    public async Task PlaceholderFiles_AreServedWithTheStrictHeaders(string path, string type)
    {
        await using var relay = await TestRelay.StartAsync(staticRoot: null);
        using var http = new HttpClient { BaseAddress = relay.BaseUri };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(type, response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        AssertStrictHeaders(response);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS on plain HTTP");
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task PlaceholderPage_HasNoInlineScriptOrStyle_AndNoOtherOrigin()
    {
        await using var relay = await TestRelay.StartAsync();
        using var http = new HttpClient { BaseAddress = relay.BaseUri };
        var html = await http.GetStringAsync(new Uri("/pair", UriKind.Relative));
        Assert.Contains("<script src=\"/app.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticDirectory_IsServedInsteadOfThePlaceholder_WithTheSameHeaders_AndNoTraversal()
    {
        var root = Directory.CreateTempSubdirectory("tether-static-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "index.html"), "<!doctype html><title>web client</title>");
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "manifest.webmanifest"), "{}");
            await using var relay = await TestRelay.StartAsync(staticRoot: root.FullName);
            using var http = new HttpClient { BaseAddress = relay.BaseUri };
            using var pair = await http.GetAsync(new Uri("/pair", UriKind.Relative));
            Assert.Contains("web client", await pair.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            AssertStrictHeaders(pair);
            using var manifest = await http.GetAsync(new Uri("/manifest.webmanifest", UriKind.Relative));
            Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
            using var traversal = await http.GetAsync(new Uri("/..%2f..%2fetc/passwd", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task HealthAndMetrics_CarryTheHeadersToo()
    {
        await using var relay = await TestRelay.StartAsync();
        using var http = new HttpClient { BaseAddress = relay.BaseUri };
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());
        AssertStrictHeaders(health);
    }

    private static void AssertStrictHeaders(HttpResponseMessage response)
    {
        Assert.Equal(Csp, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
