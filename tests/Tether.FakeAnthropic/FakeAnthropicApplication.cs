using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tether.FakeAnthropic;

/// <summary>The fake's HTTP surface: <c>POST /v1/messages</c>, and an Anthropic-shaped 404 for anything else.</summary>
internal static class FakeAnthropicApplication
{
    public static WebApplication Build(FakeAnthropicServer server)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoHostLifetime>();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var app = builder.Build();
        app.Run(context => HandleAsync(context, server));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, FakeAnthropicServer server)
    {
        var request = context.Request;
        var path = request.Path.Value + request.QueryString.Value;
        var body = await ReadJsonAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers["request-id"] = "req_fake_" + Guid.NewGuid().ToString("n")[..20];

        if (HttpMethods.IsHead(request.Method) && request.Path == "/")
        {
            server.Record(request.Method, path, RequestKind.Preconnect, body);
            return;
        }

        if (!(HttpMethods.IsPost(request.Method) && request.Path == "/v1/messages"))
        {
            server.Record(request.Method, path, RequestKind.Unknown, body);
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "not_found_error",
                $"The fake Anthropic API (tests/Tether.FakeAnthropic) does not implement {request.Method} {request.Path}.").ConfigureAwait(false);
            return;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            server.Record(request.Method, path, RequestKind.Unknown, body);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error", "The body is not a JSON object.").ConfigureAwait(false);
            return;
        }

        var (recorded, reply, messageId) = server.Answer(request.Method, path, body);
        var model = recorded.Model ?? "claude-fake";
        if (recorded.Stream)
        {
            await WriteStreamAsync(context, reply, messageId, model).ConfigureAwait(false);
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(MessageEvents.Message(reply, messageId, model), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task WriteStreamAsync(HttpContext context, Reply reply, string messageId, string model)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        foreach (var (name, data) in MessageEvents.Stream(reply, messageId, model))
        {
            // One SSE event: "event: NAME\ndata: JSON\n\n", flushed on its own like the real API's.
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes("event: " + name + "\ndata: "), context.RequestAborted).ConfigureAwait(false);
            await response.Body.WriteAsync(data, context.RequestAborted).ConfigureAwait(false);
            await response.Body.WriteAsync("\n\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken cancel)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancel).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(MessageEvents.Error(type, message), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>No Ctrl+C handling or console output: the fake lives inside a test process.</summary>
    private sealed class NoHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
