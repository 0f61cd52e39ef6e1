using System.Net.Http;
using System.Net.WebSockets;
using System.Security.Authentication;
using Tether.Client.Logging;
using Tether.Client.Tls;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>
/// One attempt at a welcomed connection (docs/protocol.md §7.3): opens the WebSocket, answers
/// CHALLENGE with HELLO (a saved token while it looks valid, else a proof) and reads WELCOME, keeping
/// its token. The welcomed connection is handed to the caller to run, and disposed afterwards.
/// </summary>
internal sealed class RelayConnector : IDisposable
{
    // A saved token with less than this left is not worth a round trip that may be refused.
    private static readonly TimeSpan MinTokenRemaining = TimeSpan.FromMinutes(1);

    private readonly RelayClientContext _context;
    private readonly Uri _uri;
    private readonly HttpMessageInvoker _invoker;

    public RelayConnector(RelayClientContext context)
    {
        _context = context;
        _uri = ChannelUri(context.Options.RelayUrl, context.Credential.Channel);
        _invoker = new HttpMessageInvoker(CreateHandler(context.Options), disposeHandler: true);
    }

    internal static Uri ChannelUri(Uri relayUrl, RelayId channel)
    {
        var builder = new UriBuilder(relayUrl)
        {
            Scheme = relayUrl.Scheme switch { "https" or "wss" => "wss", _ => "ws" },
            Query = string.Empty,
            Fragment = string.Empty,
        };
        builder.Path = builder.Path.TrimEnd('/') + "/v1/channels/" + channel;
        return builder.Uri;
    }

    /// <summary>
    /// Connects and authenticates; once welcomed, runs <paramref name="runWelcomed"/> on the connection
    /// and returns how it ended. Returns how the attempt ended when it never got that far.
    /// </summary>
    public async Task<ConnectionEnd> ConnectAsync(
        int attempt, Func<RelayConnection, RelayWelcome, Task<ConnectionEnd>> runWelcomed, CancellationToken stopping)
    {
        var token = _context.Token.Get();
        var useToken = token is not null && token.RemainingAt(_context.Options.TimeProvider) > MinTokenRemaining;
        _context.Log.Connecting(_context.Role, _context.ChannelLabel, _uri.Authority, attempt, useToken);
        RelayConnection connection;
        try
        {
            connection = await RelayConnection.OpenAsync(_uri, _invoker, _context.Options, _context.Counters, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or AuthenticationException
            || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            var certificate = IsCertificateFailure(ex);
            _context.Log.ConnectFailed(_context.Role, _context.ChannelLabel, certificate ? "certificate rejected" : ex.GetType().Name);
            return new ConnectionEnd(null, false, false, false, null, certificate);
        }

        await using (connection.ConfigureAwait(false))
        {
            var helloSent = false;
            try
            {
                using var helloTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                helloTimeout.CancelAfter(_context.Options.HelloTimeout);
                var (challenge, reason) = await connection.ReadHandshakeFrameAsync(helloTimeout.Token).ConfigureAwait(false);
                var hello = challenge is null ? null : AnswerChallenge(challenge, useToken ? token : null);
                if (hello is null)
                {
                    return new ConnectionEnd(reason, false, false, false, null, false);
                }

                helloSent = true;
                _context.Counters.Hello(useToken);
                await connection.SendHelloAsync(hello, helloTimeout.Token).ConfigureAwait(false);
                var (welcome, refusal) = await connection.ReadHandshakeFrameAsync(helloTimeout.Token).ConfigureAwait(false);
                if (welcome is null || !TryAcceptWelcome(welcome, out var peerId, out var hostOnline))
                {
                    return new ConnectionEnd(refusal, false, useToken, true, null, false);
                }

                return await runWelcomed(connection, new RelayWelcome(peerId, hostOnline, useToken)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or MalformedFrameException
                || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
            {
                return new ConnectionEnd(null, false, useToken, helloSent, null, false);
            }
        }
    }

    public void Dispose() => _invoker.Dispose();

    private static SocketsHttpHandler CreateHandler(RelayClientOptions options) => new()
    {
        ConnectTimeout = options.ConnectTimeout,
        // A WebSocket takes its connection for good; there is nothing to pool.
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = { RemoteCertificateValidationCallback = RelayCertificateValidation.CreateCallback(options.PinnedCertificates) },
    };

    /// <summary>The HELLO for a CHALLENGE frame: the token when given, else a proof; null when the frame is not a CHALLENGE.</summary>
    private byte[]? AnswerChallenge(byte[] challenge, RelayToken? token) =>
        !RelayFrames.TryReadChallenge(challenge, out var nonce) ? null
            : token is not null ? token.CreateHello(_context.Role)
            : _context.Credential.CreateHello(nonce);

    /// <summary>Reads WELCOME and keeps its token; false when the frame is not a WELCOME.</summary>
    private bool TryAcceptWelcome(byte[] welcome, out uint peerId, out bool hostOnline)
    {
        if (!RelayFrames.TryReadWelcome(welcome, out peerId, out hostOnline, out var expires, out var issued))
        {
            return false;
        }

        if (!issued.IsEmpty)
        {
            _context.Token.Set(new RelayToken(issued, expires));
        }

        return true;
    }

    private static bool IsCertificateFailure(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }
}
