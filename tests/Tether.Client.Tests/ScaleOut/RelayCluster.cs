using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.ScaleOut;

/// <summary>
/// N relay processes (<c>tether relay</c>, sharing one 0600 keys file) behind nginx, all on loopback,
/// in a temporary directory. nginx runs the shipped routing (deploy/tether-relay-*.conf) from the
/// test variant of the configuration (deploy/nginx-test.conf.template).
/// </summary>
internal sealed class RelayCluster : IAsyncDisposable
{
    // Every test client comes from 127.0.0.1 (through nginx, which the relay trusts): the per-address
    // limits, sized for one person's devices, would refuse a hundred channels from one address.
    private static readonly string[] LoopbackLimits =
        ["connections-per-address=10000", "connects-per-second=10000", "connect-burst=10000"];

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly List<ChildProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private RelayCluster(string directory) => _directory = directory;

    /// <summary>The balancer's URL: what clients connect to.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Each node's own URL (for its /metrics), in start order.</summary>
    public IReadOnlyList<Uri> Nodes { get; private set; } = [];

    public IReadOnlyList<ChildProcess> NodeProcesses { get; private set; } = [];

    public static async Task<RelayCluster> StartAsync(int nodes, CancellationToken cancel)
    {
        if (!File.Exists(RepositoryPaths.TetherDll))
        {
            throw new InvalidOperationException($"{RepositoryPaths.TetherDll} is missing: build src/Tether.Cli first.");
        }

        var cluster = new RelayCluster(Directory.CreateTempSubdirectory("tether-scaleout-").FullName);
        try
        {
            await cluster.StartCoreAsync(nodes, cancel);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills node <paramref name="index"/> with SIGKILL.</summary>
    public void KillNode(int index) => NodeProcesses[index].Kill();

    /// <summary>One node's gauges from its /metrics.</summary>
    public async Task<NodeCounts> ScrapeAsync(int index, CancellationToken cancel)
    {
        var text = await _http.GetStringAsync(new Uri(Nodes[index], "/metrics"), cancel);
        return NodeCounts.Parse(text);
    }

    /// <summary>Everything the processes printed, for a failure message.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"--- {p.Name}{(p.HasExited ? " (exited)" : string.Empty)}\n{p.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        _http.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // nginx may still be letting go of its files; the directory is in /tmp.
        }
    }

    private async Task StartCoreAsync(int count, CancellationToken cancel)
    {
        var ports = FreePorts.Take(count + 1);
        var keysFile = WriteKeysFile();
        var nodes = new List<Uri>();
        var processes = new List<ChildProcess>();
        for (var i = 0; i < count; i++)
        {
            var url = new Uri($"http://127.0.0.1:{ports[i + 1]}");
            List<string> arguments =
            [
                RepositoryPaths.TetherDll, "relay", "--urls", url.ToString().TrimEnd('/'), "--keys-file", keysFile, "--trust-proxy", "127.0.0.1",
                .. LoopbackLimits.SelectMany(l => new[] { "--limit", l }),
            ];
            var process = ChildProcess.Start($"relay node {i} ({url})", "dotnet", arguments, _directory);
            _processes.Add(process);
            processes.Add(process);
            nodes.Add(url);
        }

        Nodes = nodes;
        NodeProcesses = processes;
        foreach (var (node, process) in nodes.Zip(processes))
        {
            await WaitHealthyAsync(new Uri(node, "/healthz"), process, cancel);
        }

        var nginx = StartNginx(ports[0], nodes);
        Url = new Uri($"http://127.0.0.1:{ports[0]}");
        await WaitHealthyAsync(new Uri(Url, "/healthz"), nginx, cancel);
    }

    private string WriteKeysFile()
    {
        var path = Path.Combine(_directory, "relay.keys");
        // The relay refuses a keys file others can read: make it 0600 before the secret goes in.
        File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"1 {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\n"));
        return path;
    }

    private ChildProcess StartNginx(int port, IReadOnlyList<Uri> nodes)
    {
        var prefix = Path.Combine(_directory, "nginx");
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        foreach (var include in new[] { "tether-relay-http.conf", "tether-relay-locations.conf" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Deploy, include), Path.Combine(prefix, include));
        }

        // As root, nginx would hand its workers to "nobody", who cannot use our temporary directory.
        var user = Environment.UserName == "root" ? "user root root;" : string.Empty;
        var servers = string.Join("\n", nodes.Select(n => $"        server {n.Authority} max_fails=1 fail_timeout=30s;"));
        var config = File.ReadAllText(Path.Combine(RepositoryPaths.Deploy, "nginx-test.conf.template"))
            .Replace("@PREFIX@", prefix, StringComparison.Ordinal)
            .Replace("@PORT@", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@USER@", user, StringComparison.Ordinal)
            .Replace("@SERVERS@", servers, StringComparison.Ordinal);
        var path = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(path, config);
        var nginx = ChildProcess.Start("nginx", "nginx", ["-p", prefix, "-c", path, "-e", Path.Combine(prefix, "error.log")], prefix);
        _processes.Add(nginx);
        return nginx;
    }

    private async Task WaitHealthyAsync(Uri health, ChildProcess process, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(StartupTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited:\n{process.Output}");
            }

            try
            {
                using var response = await _http.GetAsync(health, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
                // One slow request; try again.
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
