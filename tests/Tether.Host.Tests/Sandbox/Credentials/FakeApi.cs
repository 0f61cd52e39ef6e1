using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Tether.Host.Tests.Sandbox.Credentials;

/// <summary>
/// A tiny stand-in for the API on a loopback port: it records every request's headers and answers JSON, or
/// SSE in two parts with a pause the test controls (<see cref="ReleaseStream"/>) between them.
/// </summary>
internal sealed class FakeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeApi(WebApplication app) => _app = app;

    public ConcurrentQueue<(string PathAndQuery, Dictionary<string, string> Headers, string Body)> Requests { get; } = new();

    public Uri Origin { get; private set; } = null!;

    public static async Task<FakeApi> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.Single()
            : throw new InvalidOperationException("no server");
        fake.Origin = new Uri(address);
        return fake;
    }

    /// <summary>Lets a streamed response send its second half.</summary>
    public void ReleaseStream() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue((
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body));
        context.Response.Headers["request-id"] = "req_1";
        context.Response.Headers["anthropic-ratelimit-requests-remaining"] = "99";
        context.Response.Headers["set-cookie"] = "tracker=1";
        if (body.Contains("\"stream\":true", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("event: message_start\ndata: {\"type\":\"message_start\"}\n\n");
            await context.Response.Body.FlushAsync();
            await _release.Task;
            await context.Response.WriteAsync("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"ok\":true}");
    }
}
