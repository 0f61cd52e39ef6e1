using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Tether.Cli.Tests.Support;

/// <summary>
/// The real <c>tether</c> command line as a child process, with its own config and runtime
/// directories (a user of its own, as far as Tether can tell), its output read line by line.
/// </summary>
internal sealed class TetherProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _all = new();
    private int _disposed;

    private TetherProcess(Process process)
    {
        _process = process;
        _ = PumpAsync(process.StandardOutput, "");
        _ = PumpAsync(process.StandardError, "stderr: ");
    }

    /// <summary>Everything printed so far (stdout and stderr), for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_all)
            {
                return _all.ToString();
            }
        }
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static TetherProcess Start(TetherUser user, params string[] args) => Start(user, null, args);

    /// <summary>Starts <c>tether</c> with <paramref name="environment"/> on top of the user's own (a variable set to null is removed).</summary>
    public static TetherProcess Start(TetherUser user, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = user.WorkingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tether.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["XDG_CONFIG_HOME"] = user.ConfigHome;
        start.Environment["XDG_RUNTIME_DIR"] = user.RuntimeDir;
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "dumb";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        return new TetherProcess(Process.Start(start)!);
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The next output line that satisfies <paramref name="match"/>; lines before it are skipped.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? DefaultWait);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(timeout.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no matching line within {(within ?? DefaultWait).TotalSeconds} s; output so far:\n{Output}");
        }
    }

    public Task<string> WaitForLineAsync(string contains, TimeSpan? within = null) =>
        WaitForLineAsync(line => line.Contains(contains, StringComparison.Ordinal), within);

    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? DefaultWait);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (what Ctrl-C and service managers do) and waits for the exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Tests dispose a process early to make it vanish; the world around it disposes it again.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, string prefix)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_all)
            {
                _all.Append(prefix).AppendLine(line);
            }

            _lines.Writer.TryWrite(prefix + line);
        }
    }
}
