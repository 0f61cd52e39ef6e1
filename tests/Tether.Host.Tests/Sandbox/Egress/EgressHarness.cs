using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Tether.Host.Sandbox.Egress;

namespace Tether.Host.Tests.Sandbox.Egress;

/// <summary>An egress proxy on a unix socket in a private temp directory, with its denials and audit lines at hand.</summary>
internal sealed class EgressHarness : IAsyncDisposable
{
    private readonly string _directory;

    private EgressHarness(string directory, EgressProxy proxy, ConcurrentQueue<EgressDenial> denials)
    {
        _directory = directory;
        Proxy = proxy;
        Denials = denials;
    }

    public EgressProxy Proxy { get; }

    /// <summary>What the proxy told the host (the device's notices).</summary>
    public ConcurrentQueue<EgressDenial> Denials { get; }

    public string AuditPath => Path.Combine(_directory, "egress.jsonl");

    /// <summary>Starts a proxy; <paramref name="configure"/> adjusts the options (policy, resolver, limits).</summary>
    public static EgressHarness Start(EgressPolicy policy, IEgressResolver resolver, Func<EgressProxyOptions, EgressProxyOptions>? configure = null)
    {
        var directory = Directory.CreateTempSubdirectory("tether-eg-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var denials = new ConcurrentQueue<EgressDenial>();
        var options = new EgressProxyOptions
        {
            SocketPath = Path.Combine(directory, "proxy.sock"),
            SessionId = "session-1",
            Policy = policy,
            AuditLogPath = Path.Combine(directory, "egress.jsonl"),
            Resolver = resolver,
            OnDenied = denials.Enqueue,
        };
        return new EgressHarness(directory, EgressProxy.Start(configure is null ? options : configure(options)), denials);
    }

    /// <summary>A connected client socket.</summary>
    public async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Proxy.SocketPath));
        return socket;
    }

    /// <summary>Sends <paramref name="head"/> on a new connection and returns the connection and the response head.</summary>
    public async Task<(Socket Socket, string Response)> RequestAsync(string head)
    {
        var socket = await ConnectAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        return (socket, await ReadHeadAsync(socket));
    }

    /// <summary>Sends <paramref name="head"/> on a new connection and returns the response head (for refusals).</summary>
    public async Task<string> RespondAsync(string head)
    {
        var (socket, response) = await RequestAsync(head);
        socket.Dispose();
        return response;
    }

    /// <summary>Sends a CONNECT for <paramref name="host"/>:443, checks for the 200 and returns the tunnel's socket.</summary>
    public async Task<Socket> OpenTunnelAsync(string host)
    {
        var (socket, response) = await RequestAsync($"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        return socket;
    }

    /// <summary>The reason on the one audit line the proxy has written.</summary>
    public async Task<string?> SingleReasonAsync() => Assert.Single(await AuditAsync()).GetProperty("reason").GetString();

    /// <summary>Reads up to the blank line (byte by byte: nothing after it may be consumed); empty if the proxy closed first.</summary>
    public static async Task<string> ReadHeadAsync(Socket socket)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, timeout.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    /// <summary>Waits until the proxy has closed <paramref name="socket"/> (end of stream or reset).</summary>
    public static async Task AssertClosedAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // A reset is a close too.
        }
    }

    /// <summary>Waits for the audit log to hold <paramref name="count"/> lines and returns them parsed.</summary>
    public async Task<List<JsonElement>> AuditAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = File.Exists(AuditPath) ? await File.ReadAllLinesAsync(AuditPath) : [];
            if (lines.Length >= count || DateTime.UtcNow > deadline)
            {
                return [.. lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
