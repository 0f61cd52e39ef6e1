using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Tether.Cli.Hosting;
using Tether.Cli.Relay;
using Tether.Protocol.Relay;
using Tether.Relay;

namespace Tether.Cli.Commands;

/// <summary><c>tether relay</c>: runs a relay node on its own (docs/operations.md).</summary>
internal static class RelayCommand
{
    private static readonly Option<string[]> Urls = new("--urls")
    {
        Description = "Where to listen, e.g. http://127.0.0.1:8080 or https://0.0.0.0:443 (repeat or separate with ';'). "
            + "HTTPS takes its certificate from Kestrel__Certificates__Default__Path and __Password.",
        DefaultValueFactory = _ => ["http://127.0.0.1:8080"],
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<FileInfo?> KeysFile = new("--keys-file")
    {
        Description = $"The token keys, one 'id base64secret' a line, the first one signing; readable by you alone (chmod 600). "
            + $"Or set {RelayKeys.EnvironmentVariable}. Without either, a random key is made that lives as long as this process.",
    };

    private static readonly Option<string[]> TrustProxy = new("--trust-proxy")
    {
        Description = "The address of a reverse proxy (nginx) whose X-Forwarded-For to believe for per-address limits. Repeatable.",
    };

    private static readonly Option<DirectoryInfo?> Static = new("--static")
    {
        Description = "The web client's files to serve (default: the web client built with tether, else a placeholder page).",
    };

    private static readonly Option<string[]> Limit = new("--limit")
    {
        Description = "Change a limit, name=value, repeatable; e.g. --limit connections-per-address=20000 --limit connects-per-second=1000. "
            + "Names: " + string.Join(", ", LimitSettings.Names) + ".",
    };

    private static readonly Option<int> Grace = new("--shutdown-grace")
    {
        Description = "Seconds to let clients go after Ctrl-C or SIGTERM, once each was told to reconnect elsewhere.",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<LogLevel> Log = new("--log-level")
    {
        Description = "How much to log: Debug, Information, Warning or Error. Logs never carry payloads or channel ids.",
        DefaultValueFactory = _ => LogLevel.Information,
    };

    public static Command Create()
    {
        var command = new Command("relay", "Run a relay: the server that a workstation and its phones meet through. "
            + "It routes end-to-end-encrypted frames and can read none of them.")
        {
            Urls, KeysFile, TrustProxy, Static, Limit, Grace, Log,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var error = Console.Error;
        IReadOnlyList<RelayTokenKey> keys;
        try
        {
            keys = LoadKeys(parse.GetValue(KeysFile));
        }
        catch (RelayKeysException e)
        {
            await error.WriteLineAsync($"tether relay: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        if (!LimitSettings.TryApply(new RelayLimits(), parse.GetValue(Limit) ?? [], out var limits, out var limitError))
        {
            await error.WriteLineAsync($"tether relay: {limitError}").ConfigureAwait(false);
            return 2;
        }

        var proxies = new List<IPAddress>();
        foreach (var proxy in parse.GetValue(TrustProxy) ?? [])
        {
            if (!IPAddress.TryParse(proxy, out var address))
            {
                await error.WriteLineAsync($"tether relay: --trust-proxy {proxy} is not an IP address.").ConfigureAwait(false);
                return 2;
            }

            proxies.Add(address);
        }

        var level = parse.GetValue(Log);
        var options = new RelayOptions
        {
            Urls = (parse.GetValue(Urls) ?? []).SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            TokenKeys = keys,
            Limits = limits,
            TrustedProxies = proxies,
            StaticFilesRoot = parse.GetValue(Static)?.FullName ?? WebClientBuild.Root,

            // Kestrel's standard settings (certificates, endpoints) from appsettings.json and the environment.
            Configuration = new ConfigurationBuilder()
                .SetBasePath(Directory.GetCurrentDirectory())
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .Build(),
            Logging = logging => logging.SetMinimumLevel(level).AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            }),
        };

        RelayServer server;
        try
        {
            server = await RelayServer.StartAsync(options, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            await error.WriteLineAsync($"tether relay: could not start: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"tether relay listening on {string.Join(", ", server.Urls)}").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: tell every client to reconnect elsewhere, then go.
            }

            await server.StopAsync(TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(Grace)))).ConfigureAwait(false);
        }

        return 0;
    }

    private static IReadOnlyList<RelayTokenKey> LoadKeys(FileInfo? file)
    {
        if (file is not null)
        {
            return RelayKeys.ReadFile(file.FullName);
        }

        if (Environment.GetEnvironmentVariable(RelayKeys.EnvironmentVariable) is { Length: > 0 } text)
        {
            return RelayKeys.Parse(text, RelayKeys.EnvironmentVariable);
        }

        Console.Error.WriteLine(
            "tether relay: warning: no --keys-file or " + RelayKeys.EnvironmentVariable + "; using a random key that lives as long as this process. "
            + "Tokens will not survive a restart, and other relay nodes cannot share it.");
        return [RelayTokenKey.Generate(1)];
    }
}
