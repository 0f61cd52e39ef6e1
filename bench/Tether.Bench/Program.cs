using System.Globalization;
using System.Runtime.InteropServices;
using Tether.Bench;

// Usage: dotnet run -c Release --project bench/Tether.Bench [-- --quick]
// --quick runs a few rounds only, to prove the harness works (the test script does this); its
// figures are not for quoting.
var quick = args.Contains("--quick");
var rounds = quick ? 3 : 15;
var scale = quick ? 20 : 1;

var rows = new List<Comparison>();
var (initiator, responder) = HandshakeBench.Run(opsPerRound: 400 / scale, rounds);
rows.Add(initiator);
rows.Add(responder);
foreach (var size in new[] { 1024, 16 * 1024 })
{
    using var bench = new TransportBench(size);
    var ops = (size == 1024 ? 40_000 : 4_000) / scale;
    rows.Add(bench.Run($"transport {size / 1024} KiB, seal + open", ops, rounds));
}

var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"Tether protocol benchmark: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores{(quick ? ", QUICK (not for quoting)" : "")}");
Console.WriteLine();
Console.WriteLine("| benchmark | Tether | baseline | ratio (Tether / baseline) | Tether alloc/op | baseline alloc/op |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var r in rows)
{
    Console.WriteLine(string.Format(inv, "| {0} | {1} | {2} | {3:0.00} | {4:0} B | {5:0} B |",
        r.Name, Describe(r, r.CandidateNanos), Describe(r, r.BaselineNanos), r.Ratio, r.CandidateBytes, r.BaselineBytes));
}

static string Describe(Comparison r, double nanos)
{
    var inv = CultureInfo.InvariantCulture;
    return r.Name.StartsWith("transport", StringComparison.Ordinal)
        ? string.Format(inv, "{0:0.00} µs ({1:0} MB/s)", nanos / 1000, BytesOf(r.Name) / nanos * 1000)
        : string.Format(inv, "{0:0.0} µs ({1:0}/s)", nanos / 1000, 1e9 / nanos);
}

static double BytesOf(string name) => name.Contains("16 KiB", StringComparison.Ordinal) ? 16384 : 1024;
