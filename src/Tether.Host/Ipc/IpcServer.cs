using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tether.Host.Ipc;

/// <summary>
/// The running host's local socket (invariant 9): a unix socket, mode 0600, in a 0700 directory, and
/// every connection's peer uid checked against ours, so that another account on the machine is refused
/// even if it gets past the file permissions (root, a capability, a misconfigured directory).
/// One JSON request line, one JSON response line, close.
/// </summary>
public sealed class IpcServer : IAsyncDisposable
{
    /// <summary>A request is a few dozen bytes; anything near this is not one of ours.</summary>
    internal const int MaxRequestBytes = 64 * 1024;

    /// <summary>A local client that says nothing for this long is gone or hostile.</summary>
    internal static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Bounds what a local flood can hold open; status requests take milliseconds.</summary>
    private const int MaxConcurrentRequests = 16;

    private readonly Socket _listener;
    private readonly Func<IpcRequest, CancellationToken, Task<IpcResponse>> _handler;
    private readonly ILogger _logger;
    private readonly Action<uint, int>? _onForeignPeer;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrentRequests);
    private readonly Task _accepting;

    private IpcServer(string path, Socket listener, Func<IpcRequest, CancellationToken, Task<IpcResponse>> handler, ILogger logger, Action<uint, int>? onForeignPeer)
    {
        SocketPath = path;
        _listener = listener;
        _handler = handler;
        _logger = logger;
        _onForeignPeer = onForeignPeer;
        _accepting = AcceptAsync();
    }

    /// <summary>The socket's path.</summary>
    public string SocketPath { get; }

    /// <summary>
    /// Listens on <paramref name="socketPath"/>, whose directory must already be private (0700).
    /// A stale socket file (nobody listening) is replaced; a live one means another host runs for this project.
    /// </summary>
    /// <param name="onForeignPeer">Told (uid, pid) of every refused peer: a security event for the audit log.</param>
    /// <exception cref="HostAlreadyRunningException">Another host answers on that socket.</exception>
    public static async Task<IpcServer> StartAsync(string socketPath, Func<IpcRequest, CancellationToken, Task<IpcResponse>> handler, ILogger logger, Action<uint, int>? onForeignPeer = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        RequirePrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(socketPath))!);
        if (File.Exists(socketPath))
        {
            if (await IsAnsweringAsync(socketPath).ConfigureAwait(false))
            {
                throw new HostAlreadyRunningException(socketPath);
            }

            File.Delete(socketPath);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));

            // The directory already keeps others out; the mode is the second lock on the same door.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            listener.Listen(MaxConcurrentRequests);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new IpcServer(socketPath, listener, handler, logger, onForeignPeer);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // Gone already, or replaced by a newer host's socket we must not remove; nothing to undo.
        }

        _stop.Dispose();
        _slots.Dispose();
    }

    private static void RequirePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(directory);
        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & Others) != 0)
        {
            throw new InvalidOperationException($"{directory} is reachable by other users (mode {Convert.ToString((int)mode, 8)}); the IPC socket needs a private directory: chmod 700 {directory}");
        }
    }

    private static async Task<bool> IsAnsweringAsync(string socketPath)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client).ConfigureAwait(false);
                }
                finally
                {
                    client.Dispose();
                    _slots.Release();
                }
            });
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var (pid, uid) = PeerCredentials.Of(client);
            if (uid != PeerCredentials.CurrentUid)
            {
                IpcLog.ForeignPeerRefused(_logger, uid, pid);
                _onForeignPeer?.Invoke(uid, pid);
                await WriteAsync(client, IpcResponse.Failure("refused: this host accepts local connections only from the user that runs it"), timeout.Token).ConfigureAwait(false);
                await CloseGentlyAsync(client).ConfigureAwait(false);
                return;
            }

            var response = await ReadRequestAsync(client, timeout.Token).ConfigureAwait(false) is { } request
                ? await _handler(request, timeout.Token).ConfigureAwait(false)
                : IpcResponse.Failure($"malformed request: one JSON object on one line, at most {MaxRequestBytes} bytes");
            await WriteAsync(client, response, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            IpcLog.RequestAbandoned(_logger, e);
        }
    }

    private static async Task<IpcRequest?> ReadRequestAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
            {
                length = newline;
                break;
            }
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.AsSpan(0, length), IpcJsonContext.Default.IpcRequest);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Ends the connection after an answer it did not earn: a request that was never read would make
    /// the close a reset, and the peer could lose the answer that says why. So: no more sending, then
    /// read and drop (a little, briefly) until the peer closes too.
    /// </summary>
    private static async Task CloseGentlyAsync(Socket client)
    {
        const int DrainBytes = 64 * 1024;
        client.Shutdown(SocketShutdown.Send);
        using var drain = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var scratch = new byte[4096];
        var drained = 0;
        try
        {
            int read;
            while (drained < DrainBytes && (read = await client.ReceiveAsync(scratch, drain.Token).ConfigureAwait(false)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // A peer that neither stops nor closes gets the reset after all.
        }
    }

    internal static async Task WriteAsync(Socket socket, IpcResponse response, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(response, IpcJsonContext.Default.IpcResponse);
        await socket.SendAsync(line, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
