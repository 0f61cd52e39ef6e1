using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tether.Relay.Tests.Support;

/// <summary>
/// The real <c>tether relay</c> as a child process (tether.dll is copied beside the tests), for what
/// only a separate process shows: its resident memory, its signals, its exit.
/// </summary>
internal sealed partial class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RelayProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Id => _process.Id;

    public static async Task<RelayProcess> StartAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tether.dll"));
        start.ArgumentList.Add("relay");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var m = Listening().Match(line);
            if (m.Success)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new RelayProcess(process, new Uri(m.Groups[1].Value));
            }
        }

        process.Kill();
        throw new InvalidOperationException("tether relay did not say where it listens");
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status, in KiB.</summary>
    public long ResidentKiB()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("no VmRSS");
    }

    public Uri ChannelUri(Tether.Protocol.Relay.RelayId channel) => new($"ws://{Url.Authority}/v1/channels/{channel}");

    /// <summary>SIGTERM, then waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://[^ ,/]+)")]
    private static partial Regex Listening();
}
