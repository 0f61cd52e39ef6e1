using System.Diagnostics;
using System.Globalization;
using Tether.ApprovalBench;
using Tether.FakeAnthropic;

// The approval round trip of issue 5: from the can_use_tool line on claude's stdout to the
// control_response on its stdin (timed at claude's pipes by claude-tap.js), with a scripted device
// that approves at once, over the embedded relay and with no relay in between, in alternating rounds.
// Usage: dotnet run -c Release --project bench/Tether.ApprovalBench [-- --approvals N | --quick]
var approvals = args.Contains("--quick") ? 20 : 1000;
if (Array.IndexOf(args, "--approvals") is var at and >= 0 && at + 1 < args.Length)
{
    approvals = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
}

var rounds = args.Contains("--quick") ? 1 : 2;
var perRound = Math.Max(1, approvals / rounds);
await using var api = await FakeAnthropicServer.StartAsync();
var samples = new Dictionary<string, List<double>> { ["direct"] = [], ["relay"] = [] };
var clock = Stopwatch.StartNew();
for (var round = 1; round <= rounds; round++)
{
    foreach (var target in round % 2 == 1 ? new[] { "direct", "relay" } : ["relay", "direct"])
    {
        Console.Error.WriteLine($"approval-bench: round {round}/{rounds}: {target}, {perRound} approvals");
        samples[target].AddRange(await ApprovalRun.MeasureAsync(api, target == "relay", perRound));
    }
}

var direct = Stats.Of(samples["direct"]);
var relay = Stats.Of(samples["relay"]);
Console.WriteLine($"Approval round trip, {DateTime.UtcNow:yyyy-MM-dd}, .NET {Environment.Version}, claude {ClaudeBinary.PinnedVersion}, {Environment.ProcessorCount} cores, {clock.Elapsed.TotalSeconds:0} s");
Console.WriteLine($"Command: dotnet run -c Release --project bench/Tether.ApprovalBench -- {string.Join(' ', args)}");
Console.WriteLine();
Console.WriteLine("| measurement | no relay (device in-process) | embedded relay (device over Noise + WebSocket) | relay / no relay | target | verdict |");
Console.WriteLine("|---|---|---|---|---|---|");
Console.WriteLine($"| p50 | {direct.P50:0.00} ms | {relay.P50:0.00} ms | {relay.P50 / direct.P50:0.00} | | |");
Console.WriteLine($"| p99 | {direct.P99:0.00} ms | {relay.P99:0.00} ms | {relay.P99 / direct.P99:0.00} | relay p99 < 10 ms, ratio < 2 | {(relay.P99 < 10 && relay.P99 / direct.P99 < 2 ? "PASS" : "FAIL")} |");
Console.WriteLine($"| samples | {direct.Count} | {relay.Count} | | | |");
