using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// One agent connection through the proxy:
/// <code>
/// 1. read the CONNECT head (bounded, deadline)      → 400/403/405 and close on anything else
/// 2. port 443, canonical name, deny rules, allowlist → 403 with X-Tether-Egress-Reason
/// 3. resolve, drop refused addresses               → 403 (or 502 when the name has no address)
/// 4. 200, then read the ClientHello (bounded)       → close unless SNI == CONNECT host, no ECH
/// 5. dial the vetted address, send the hello, splice both ways with an idle timeout
/// 6. one audit line, with bytes and duration
/// </code>
/// </summary>
internal sealed class EgressConnection(Socket client, EgressProxyOptions options, IEgressResolver resolver, EgressAttempt attempt)
{
    private const string ReasonHeader = "X-Tether-Egress-Reason";

    // A ClientHello split into many tiny records carries 5 header bytes per record; twice the hello limit
    // lets pathological but legal splits through and still bounds the buffer.
    private const int MaxClientHelloRecordBytes = 2 * EgressLimits.MaxClientHelloBytes;

    public async Task RunAsync(CancellationToken stop)
    {
        var head = new byte[EgressLimits.MaxRequestHeadBytes];
        var (headLength, filled, headFailure) = await ReadHeadAsync(head, stop).ConfigureAwait(false);
        if (headFailure is not null)
        {
            // A connection closed before its first byte asked for nothing: it is the launcher's readiness
            // probe (the relay inside the sandbox connects once to see the socket accepts), not an attempt.
            if (filled > 0 || headFailure != EgressReasons.BadRequest)
            {
                attempt.Deny(headFailure);
            }

            return;
        }

        var request = ConnectRequest.Parse(head.AsSpan(0, headLength), out var rawHost, out var parseFailure);
        attempt.Host = rawHost;
        if (request is null)
        {
            await RefuseAsync(parseFailure == EgressReasons.ConnectOnly ? 405 : parseFailure == EgressReasons.BadRequest ? 400 : 403, parseFailure, stop).ConfigureAwait(false);
            return;
        }

        attempt.Port = request.Port;
        if (request.Port != EgressLimits.AllowedPort)
        {
            await RefuseAsync(403, EgressReasons.PortNotAllowed, stop).ConfigureAwait(false);
            return;
        }

        var host = EgressHostName.Canonicalize(request.Host, out var nameFailure);
        attempt.Host = host ?? attempt.Host;
        var hostFailure = host is null ? nameFailure : options.Policy.HostDenial(host);
        if (host is null || hostFailure is not null)
        {
            await RefuseAsync(403, hostFailure!, stop).ConfigureAwait(false);
            return;
        }

        var address = await PickAddressAsync(host, stop).ConfigureAwait(false);
        if (address is null)
        {
            return;
        }

        await SendAsync("HTTP/1.1 200 Connection Established\r\n\r\n", stop).ConfigureAwait(false);
        var hello = new byte[MaxClientHelloRecordBytes];
        head.AsSpan(headLength, filled - headLength).CopyTo(hello);
        var helloLength = await ReadClientHelloAsync(hello, filled - headLength, stop).ConfigureAwait(false);
        if (helloLength < 0)
        {
            return;
        }

        await TunnelAsync(address, hello.AsMemory(0, helloLength), stop).ConfigureAwait(false);
    }

    private async Task<(int HeadLength, int Filled, string? Failure)> ReadHeadAsync(byte[] buffer, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(options.RequestHeadDeadline);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    return (0, filled, EgressReasons.HeadTooLarge);
                }

                var read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return (0, filled, EgressReasons.BadRequest);
                }

                filled += read;
                var length = ConnectRequest.HeadLength(buffer.AsSpan(0, filled));
                if (length > 0)
                {
                    return (length, filled, null);
                }
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return (0, filled, EgressReasons.HeadTimeout);
        }
    }

    private async Task<IPAddress?> PickAddressAsync(string host, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(EgressLimits.UpstreamConnectTimeout);
        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            addresses = [];
        }

        if (addresses.Count == 0)
        {
            await RefuseAsync(502, EgressReasons.ResolveFailed, stop).ConfigureAwait(false);
            return null;
        }

        foreach (var candidate in addresses)
        {
            if (options.Policy.AddressDenial(candidate) is null)
            {
                attempt.Address = candidate.ToString();
                return candidate;
            }
        }

        // Name the first refused address: "api.example.com resolved to 10.0.0.5 (private-address)".
        attempt.Address = addresses[0].ToString();
        await RefuseAsync(403, options.Policy.AddressDenial(addresses[0])!, stop).ConfigureAwait(false);
        return null;
    }

    /// <summary>Reads until a whole ClientHello is buffered and checks it; returns its length, or -1 after closing.</summary>
    private async Task<int> ReadClientHelloAsync(byte[] buffer, int filled, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(options.ClientHelloDeadline);
        try
        {
            while (true)
            {
                var status = ClientHelloParser.TryParse(buffer.AsSpan(0, filled), out var hello);
                if (status == ClientHelloStatus.Malformed || (status == ClientHelloStatus.NeedMore && filled == buffer.Length))
                {
                    attempt.Deny(EgressReasons.ClientHelloMalformed);
                    return -1;
                }

                if (status == ClientHelloStatus.Complete)
                {
                    return CheckServerName(hello!) ? filled : -1;
                }

                var read = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    attempt.Deny(EgressReasons.ClientHelloMalformed);
                    return -1;
                }

                filled += read;
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            attempt.Deny(EgressReasons.ClientHelloTimeout);
            return -1;
        }
    }

    private bool CheckServerName(ClientHello hello)
    {
        attempt.Sni = hello.ServerName;
        string? failure = null;
        if (hello.EncryptedClientHello)
        {
            failure = EgressReasons.EncryptedClientHello;
        }
        else if (hello.ServerName is null)
        {
            failure = EgressReasons.NoSni;
        }
        else if (EgressHostName.Canonicalize(hello.ServerName, out _) != attempt.Host)
        {
            failure = EgressReasons.SniMismatch;
        }

        if (failure is not null)
        {
            attempt.Deny(failure);
            return false;
        }

        return true;
    }

    private async Task TunnelAsync(IPAddress address, ReadOnlyMemory<byte> hello, CancellationToken stop)
    {
        using var upstream = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            deadline.CancelAfter(EgressLimits.UpstreamConnectTimeout);
            try
            {
                await upstream.ConnectAsync(new IPEndPoint(address, options.UpstreamPort), deadline.Token).ConfigureAwait(false);
                await upstream.SendAsync(hello, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                attempt.Allowed(EgressReasons.UpstreamUnreachable, 0, 0);
                return;
            }
        }

        var splice = new Splice(client, upstream, options.IdleTimeout);
        var idle = await splice.RunAsync(stop).ConfigureAwait(false);
        attempt.Allowed(idle ? EgressReasons.IdleTimeout : EgressReasons.Closed, splice.BytesUp + hello.Length, splice.BytesDown);
    }

    private async Task RefuseAsync(int status, string reason, CancellationToken stop)
    {
        var phrase = status switch { 400 => "Bad Request", 405 => "Method Not Allowed", 502 => "Bad Gateway", _ => "Forbidden" };
        var allow = status == 405 ? "Allow: CONNECT\r\n" : string.Empty;
        try
        {
            await SendAsync($"HTTP/1.1 {status} {phrase}\r\n{ReasonHeader}: {reason}\r\n{allow}Connection: close\r\nContent-Length: 0\r\n\r\n", stop).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The client left first; the denial is still recorded.
        }

        attempt.Deny(reason);
    }

    private async Task SendAsync(string text, CancellationToken stop) =>
        await client.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, stop).ConfigureAwait(false);
}
