using System.Net;
using System.Net.Sockets;
using Tether.LoadGen;
using Tether.LoadGen.Report;

// The relay load benchmark's load generator (bench/README.md). bench/relay-bench.sh drives it:
//   run --adapter echo|relay --name NAME --url URL --pid PID --round N [--quick] [--scenarios a,b] [--window W]
//       measures one target, one JSON line per measurement on stdout;
//   report RESULTS.jsonl   prints the markdown table (medians over rounds, ratios, verdicts);
//   free-ports N           prints N loopback ports that are free now.
//
// Ctrl-C is left to its default (the process dies of SIGINT), so that the driver's shell sees the
// signal and runs its clean-up; nothing here needs a graceful end.
using var cancel = new CancellationTokenSource();

switch (args.FirstOrDefault())
{
    case "run":
        var errors = new List<string>();
        var options = RunOptions.Parse(args[1..], errors);
        if (errors.Count > 0)
        {
            errors.ForEach(e => Console.Error.WriteLine($"loadgen: {e}"));
            return 2;
        }

        cancel.CancelAfter(options.RunLimit);
        try
        {
            await foreach (var result in Runner.RunAsync(options, cancel.Token))
            {
                Console.WriteLine(result.ToJsonLine());
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"loadgen: {options.Name} did not finish within {options.RunLimit.TotalSeconds} s");
            return 1;
        }

        return 0;

    case "report" when args.Length == 2:
        Console.Write(ReportTable.Render(File.ReadLines(args[1])));
        return 0;

    case "free-ports" when args.Length == 2 && int.TryParse(args[1], out var count):
        // All listeners stay open until every port is chosen, so the ports are distinct.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        Console.WriteLine(string.Join(' ', listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)));
        listeners.ForEach(l => l.Stop());
        return 0;

    default:
        Console.Error.WriteLine("usage: Tether.LoadGen run ... | report RESULTS.jsonl | free-ports N (see Program.cs)");
        return 2;
}
