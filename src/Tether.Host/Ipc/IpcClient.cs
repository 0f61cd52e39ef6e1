using System.Net.Sockets;
using System.Text.Json;

namespace Tether.Host.Ipc;

/// <summary>The command-line side of <see cref="IpcServer"/>: one request, one response.</summary>
public static class IpcClient
{
    /// <summary>Sends <paramref name="request"/> to the host listening on <paramref name="socketPath"/>.</summary>
    /// <exception cref="HostNotRunningException">Nobody listens there (no host, or a stale socket).</exception>
    /// <exception cref="IOException">The host did not answer properly in time.</exception>
    public static async Task<IpcResponse> SendAsync(string socketPath, IpcRequest request, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(IpcServer.RequestTimeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.AccessDenied)
        {
            throw new HostNotRunningException(socketPath, e.SocketErrorCode == SocketError.AccessDenied);
        }
        catch (SocketException e) when (!File.Exists(socketPath))
        {
            throw new HostNotRunningException(socketPath, accessDenied: false, e);
        }

        var line = JsonSerializer.SerializeToUtf8Bytes(request, IpcJsonContext.Default.IpcRequest);
        await socket.SendAsync(line, timeout.Token).ConfigureAwait(false);
        await socket.SendAsync("\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);

        using var response = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (response.Length + read > IpcServer.MaxRequestBytes * 16)
                {
                    throw new IOException("the host's answer is implausibly large");
                }

                response.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"the host on {socketPath} did not answer within {IpcServer.RequestTimeout.TotalSeconds:0} s");
        }

        try
        {
            return JsonSerializer.Deserialize(response.GetBuffer().AsSpan(0, (int)response.Length), IpcJsonContext.Default.IpcResponse)
                ?? throw new IOException("the host answered null");
        }
        catch (JsonException e)
        {
            throw new IOException("the host's answer is not valid JSON", e);
        }
    }
}

/// <summary>No host answers on a project's socket.</summary>
public sealed class HostNotRunningException(string socketPath, bool accessDenied, Exception? inner = null)
    : Exception(accessDenied
        ? $"cannot reach {socketPath}: permission denied (the host runs as another user?)"
        : $"no Tether host is running there ({socketPath})", inner)
{
    public string SocketPath { get; } = socketPath;
}
