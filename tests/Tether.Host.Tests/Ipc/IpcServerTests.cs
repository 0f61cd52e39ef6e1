using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Tether.Host.Ipc;

namespace Tether.Host.Tests.Ipc;

/// <summary>The host's local socket (invariant 9).</summary>
public sealed class IpcServerTests
{
    private static readonly HostStatus SampleStatus = new()
    {
        Project = "demo",
        Path = "/src/demo",
        Pid = Environment.ProcessId,
        Agent = "echo",
        State = "idle",
        Relay = "http://127.0.0.1:1",
    };

    [Fact]
    public async Task TheSameUser_GetsAnAnswer_AndTheSocketIsReadableByItsOwnerAlone()
    {
        using var dir = new PrivateTempDirectory();
        var logs = new ListLogger();
        await using var server = await IpcServer.StartAsync(dir.File("host.sock"), Answer, logs);

        var response = await IpcClient.SendAsync(server.SocketPath, new IpcRequest { Op = "status" });

        Assert.True(response.Ok);
        Assert.Equal("demo", response.Status!.Project);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.SocketPath));
    }

    [Fact]
    public async Task ADirectoryOthersCanEnter_IsRefused_WithTheFix()
    {
        using var dir = new PrivateTempDirectory();
        File.SetUnixFileMode(dir.Path, (UnixFileMode)Convert.ToInt32("755", 8));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => IpcServer.StartAsync(dir.File("host.sock"), Answer, new ListLogger()));

        Assert.Contains($"chmod 700 {dir.Path}", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("host.sock")));
    }

    [Fact]
    public async Task ASecondHostForTheSameSocket_IsRefused_WhileTheFirstRuns()
    {
        using var dir = new PrivateTempDirectory();
        await using var first = await IpcServer.StartAsync(dir.File("host.sock"), Answer, new ListLogger());

        await Assert.ThrowsAsync<HostAlreadyRunningException>(() => IpcServer.StartAsync(dir.File("host.sock"), Answer, new ListLogger()));
        Assert.True((await IpcClient.SendAsync(first.SocketPath, new IpcRequest { Op = "status" })).Ok);
    }

    [Fact]
    public async Task AStaleSocketLeftByACrashedHost_IsReplaced()
    {
        using var dir = new PrivateTempDirectory();
        var path = dir.File("host.sock");
        using (var crashed = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            crashed.Bind(new UnixDomainSocketEndPoint(path));
        }

        await using var server = await IpcServer.StartAsync(path, Answer, new ListLogger());

        Assert.True((await IpcClient.SendAsync(path, new IpcRequest { Op = "status" })).Ok);
    }

    [Theory]
    [InlineData("not json\n")]
    [InlineData("{\"op\":\n")]
    [InlineData("\n")]
    public async Task GarbageOnTheSocket_GetsAClearError_AndTheServerKeepsServing(string garbage)
    {
        using var dir = new PrivateTempDirectory();
        await using var server = await IpcServer.StartAsync(dir.File("host.sock"), Answer, new ListLogger());

        var answer = await RawExchangeAsync(server.SocketPath, Encoding.UTF8.GetBytes(garbage));

        Assert.Contains("malformed request", answer, StringComparison.Ordinal);
        Assert.True((await IpcClient.SendAsync(server.SocketPath, new IpcRequest { Op = "status" })).Ok);
    }

    [Fact]
    public async Task ARequestOverTheSizeLimit_IsRefusedWithoutReadingOn()
    {
        using var dir = new PrivateTempDirectory();
        await using var server = await IpcServer.StartAsync(dir.File("host.sock"), Answer, new ListLogger());

        var answer = await RawExchangeAsync(server.SocketPath, new byte[IpcServer.MaxRequestBytes * 2]);

        Assert.Contains("malformed request", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHost_IsAClearError()
    {
        using var dir = new PrivateTempDirectory();

        var e = await Assert.ThrowsAsync<HostNotRunningException>(() => IpcClient.SendAsync(dir.File("nobody.sock"), new IpcRequest { Op = "status" }));

        Assert.Contains("no Tether host is running", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A process of another uid that even gets past the file permissions (CAP_DAC_OVERRIDE, as root or a
    /// misconfigured directory would give it) is still refused: the kernel's SO_PEERCRED names its uid.
    /// </summary>
    [Fact]
    public async Task AnotherUid_IsRefusedByThePeerCheck_EvenPastTheFilePermissions()
    {
        Assert.True(PeerCredentials.CurrentUid == 0, "this test creates a process of another uid, which needs root (the project's CI runs as root)");
        using var dir = new PrivateTempDirectory();
        var logs = new ListLogger();
        var handled = 0;
        await using var server = await IpcServer.StartAsync(dir.File("host.sock"), (request, token) =>
        {
            Interlocked.Increment(ref handled);
            return Answer(request, token);
        }, logs);

        var output = await RunAsNobodyAsync(server.SocketPath);

        Assert.Contains("\"ok\":false", output, StringComparison.Ordinal);
        Assert.Contains("refused", output, StringComparison.Ordinal);
        Assert.DoesNotContain("demo", output, StringComparison.Ordinal);
        Assert.Equal(0, handled);
        Assert.Contains(logs.Lines, line => line.Contains("uid 65534", StringComparison.Ordinal) && line.StartsWith("security:", StringComparison.Ordinal));
    }

    private static Task<IpcResponse> Answer(IpcRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Op == "status" ? IpcResponse.Success(SampleStatus) : IpcResponse.Failure("unknown op"));

    private static async Task<string> RawExchangeAsync(string path, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        try
        {
            await socket.SendAsync(bytes);
        }
        catch (SocketException)
        {
            // The server may answer and close before it has read everything: that is the point.
        }

        var buffer = new byte[4096];
        var read = await socket.ReceiveAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Node (which every machine that runs Tether's tests has) as uid 65534, with only the capability to bypass file permissions.</summary>
    private static async Task<string> RunAsNobodyAsync(string socketPath)
    {
        const string Script = "const s=require('net').connect(process.argv[1]);let o='';s.on('connect',()=>s.write('{\"op\":\"status\"}\\n'));s.on('data',d=>o+=d);s.on('close',()=>process.stdout.write(o));s.on('error',e=>{process.stdout.write('error '+e.code);process.exit(3)});";
        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=+dac_override", "--ambient-caps=+dac_override", "node", "-e", Script, socketPath })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"the foreign client failed: {output} {error}");
        return output;
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
