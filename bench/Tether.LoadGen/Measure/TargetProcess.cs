using System.Globalization;

namespace Tether.LoadGen.Measure;

/// <summary>
/// The target's process and its descendants (nginx's workers), read from <c>/proc</c>: resident
/// memory from <c>status</c> (VmRSS) and CPU time from <c>stat</c>.
/// </summary>
internal sealed class TargetProcess(int pid)
{
    /// <summary>How often memory and CPU time are sampled while waiting for them to settle.</summary>
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Memory counts as settled when it moved by at most this fraction over the last
    /// <see cref="SteadySamples"/> samples: enough to ignore allocator noise, far below the
    /// ten-thousand-connection growth being measured.
    /// </summary>
    private const double SteadyFraction = 0.005;

    /// <summary>Eight samples: two seconds without growth.</summary>
    private const int SteadySamples = 8;

    public int Pid => pid;

    /// <summary>Resident memory of the process tree, in bytes.</summary>
    public long ResidentBytes() => Tree().Sum(p => ReadRssKiB(p) * 1024L);

    /// <summary>User plus system CPU time of the process tree, in clock ticks.</summary>
    public long CpuTicks() => Tree().Sum(ReadCpuTicks);

    /// <summary>Waits (bounded) until the tree uses no CPU for a whole sample interval.</summary>
    public async Task WaitForQuietAsync(TimeSpan limit, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + limit;
        var last = CpuTicks();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(SampleInterval, cancel);
            var now = CpuTicks();
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    /// <summary>Waits (bounded) until resident memory stops moving, and returns it.</summary>
    public async Task<long> WaitForSteadyResidentBytesAsync(TimeSpan limit, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + limit;
        var window = new Queue<long>();
        while (true)
        {
            var rss = ResidentBytes();
            window.Enqueue(rss);
            if (window.Count > SteadySamples)
            {
                window.Dequeue();
            }

            if ((window.Count == SteadySamples && window.Max() - window.Min() <= window.Max() * SteadyFraction)
                || DateTime.UtcNow >= deadline)
            {
                return rss;
            }

            await Task.Delay(SampleInterval, cancel);
        }
    }

    private List<int> Tree()
    {
        // Parent of every live process, then the descendants of ours breadth first.
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && ReadStatFields(child) is { } fields)
            {
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(child);
            }
        }

        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
        {
            if (children.TryGetValue(tree[i], out var list))
            {
                tree.AddRange(list);
            }
        }

        return tree;
    }

    private static long ReadRssKiB(int process)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between listing and reading; it holds no memory any more.
        }

        return 0;
    }

    private static long ReadCpuTicks(int process) =>
        ReadStatFields(process) is { } f
            ? long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
            : 0;

    /// <summary>
    /// The fields of <c>/proc/pid/stat</c> after the command name (which may hold spaces and
    /// parentheses): [0] state, [1] ppid, ... [11] utime, [12] stime; null if the process is gone.
    /// </summary>
    private static string[]? ReadStatFields(int process)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{process}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
