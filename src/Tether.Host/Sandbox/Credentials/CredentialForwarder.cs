using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Tether.Host.Sandbox.Credentials;

/// <summary>
/// Handles one agent request:
/// <code>
/// 1. HEAD / (warm-up)                → 200 here
/// 2. not a Messages API route        → 404
/// 3. key headers ≠ the placeholder   → 401 (logged without any value)
/// 4. body over the limit             → 413
/// 5. forward to the pinned origin: allowed headers + the real x-api-key, body streamed, no redirects
/// 6. copy status and allowed headers back, stream the body flushing each read (SSE stays live)
/// </code>
/// </summary>
internal sealed class CredentialForwarder(CredentialInjectorOptions options, ApiKey key, HttpMessageInvoker upstream, ILogger logger)
{
    private const string ApiKeyHeader = "x-api-key";
    private const string BearerPrefix = "Bearer ";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (InjectorRoutes.IsWarmUp(request.Method, path))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (!InjectorRoutes.IsForwarded(request.Method, path))
        {
            CredentialLog.PathRefused(logger, request.Method, path);
            await ErrorAsync(context, StatusCodes.Status404NotFound, "not_found_error", "The sandbox forwards only Messages API paths.").ConfigureAwait(false);
            return;
        }

        if (!CarriesPlaceholder(request.Headers))
        {
            CredentialLog.WrongPlaceholder(logger, request.Method, path);
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "authentication_error", "The key is not this session's.").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > InjectorLimits.MaxRequestBodyBytes)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "request_too_large", "The request body is over the limit.").ConfigureAwait(false);
            return;
        }

        await ForwardAsync(context, path).ConfigureAwait(false);
    }

    // Either header may carry the placeholder; every key header present must, so a second real-looking key
    // cannot ride along, and at least one must be present.
    private bool CarriesPlaceholder(IHeaderDictionary headers)
    {
        var apiKey = headers[ApiKeyHeader];
        var authorization = headers.Authorization;
        if (apiKey.Count + authorization.Count == 0 || apiKey.Count > 1 || authorization.Count > 1)
        {
            return false;
        }

        var apiKeyOk = apiKey.Count == 0 || options.Placeholder.Matches(apiKey[0]);
        var bearer = authorization.Count == 0 ? null : authorization[0];
        var bearerOk = bearer is null
            || (bearer.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && options.Placeholder.Matches(bearer[BearerPrefix.Length..]));
        return apiKeyOk && bearerOk;
    }

    private async Task ForwardAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var target = new Uri(options.Upstream, path + request.QueryString.Value);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
            message.Content.Headers.ContentLength = request.ContentLength;
        }

        ForwardedHeaders.CopyRequest(request.Headers, message);
        message.Headers.TryAddWithoutValidation(ApiKeyHeader, key.Reveal());

        HttpResponseMessage response;
        try
        {
            response = await upstream.SendAsync(message, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or BadHttpRequestException)
        {
            // The type only: messages of transport errors are not ours to vouch for.
            CredentialLog.UpstreamFailed(logger, request.Method, path, e.GetType().Name);
            if (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                await ErrorAsync(context, StatusCodes.Status502BadGateway, "api_error", "The API could not be reached.").ConfigureAwait(false);
            }

            return;
        }

        using (response)
        {
            CredentialLog.Forwarded(logger, request.Method, path, (int)response.StatusCode);
            context.Response.StatusCode = (int)response.StatusCode;
            ForwardedHeaders.CopyResponse(response, context.Response.Headers);
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await CopyBodyAsync(response, context).ConfigureAwait(false);
        }
    }

    private static async Task CopyBodyAsync(HttpResponseMessage response, HttpContext context)
    {
        var buffer = new byte[InjectorLimits.ResponseBufferBytes];
        try
        {
            var body = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted).ConfigureAwait(false);

                    // Flush per read: an SSE event must reach the agent when it arrives, not when a buffer fills.
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or HttpRequestException)
        {
            // Either side went away mid-stream; aborting tells the agent the response is incomplete.
            context.Abort();
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"}}""",
            context.RequestAborted).ConfigureAwait(false);
    }
}
