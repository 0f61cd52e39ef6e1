using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Tether.Relay.Connections;

/// <summary>
/// Accepts a WebSocket without building a <see cref="System.Net.WebSockets.WebSocket"/>: the server
/// side of the opening handshake (RFC 6455 §4.2.2 over HTTP/1.1, RFC 8441 over HTTP/2), after which
/// the relay frames the upgraded stream itself (<see cref="WebSocketReader"/>, <see cref="WebSocketWriter"/>).
/// </summary>
/// <remarks>
/// ASP.NET Core's WebSocket middleware stays in the pipeline to recognize a proper upgrade request
/// (<see cref="WebSocketManager.IsWebSocketRequest"/> checks the method, the Upgrade and Connection
/// headers, the version and the key), so this only answers one. No extension is ever agreed:
/// compression stays off (ciphertext does not compress), so the reserved bits must stay 0.
/// </remarks>
internal static class WebSocketHandshake
{
    /// <summary>RFC 6455 §1.3: the GUID the client's key is hashed with.</summary>
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Answers the upgrade with <paramref name="subProtocol"/> and returns the upgraded stream.</summary>
    public static async Task<Stream> AcceptAsync(HttpContext context, string subProtocol)
    {
        var headers = context.Response.Headers;
        headers.SecWebSocketProtocol = subProtocol;
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            // HTTP/2: a 200 to the extended CONNECT opens the stream; there is no key to answer.
            return await connect.AcceptAsync().ConfigureAwait(false);
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>() ?? throw new InvalidOperationException("Not an upgradable request.");
        headers.Connection = HeaderNames.Upgrade;
        headers.Upgrade = "websocket";
        headers.SecWebSocketAccept = AcceptKey(context.Request.Headers.SecWebSocketKey.ToString());
        return await upgrade.UpgradeAsync().ConfigureAwait(false);
    }

    /// <summary>Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key ‖ GUID)).</summary>
    public static string AcceptKey(string key)
    {
#pragma warning disable CA5350 // SHA-1 is what RFC 6455 prescribes here; it proves nothing secret.
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
    }
}
