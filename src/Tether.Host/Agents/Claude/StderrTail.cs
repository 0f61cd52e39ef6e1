namespace Tether.Host.Agents.Claude;

/// <summary>The last lines Claude wrote to stderr, for the crash report (bounded: stderr can be endless).</summary>
internal sealed class StderrTail
{
    /// <summary>Enough for a stack trace's head or an error with its context, small enough for a phone.</summary>
    public const int MaxLines = 20;

    /// <summary>A line longer than this is cut: one minified stack frame can be kilobytes.</summary>
    public const int MaxLineChars = 500;

    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        if (line.Length > MaxLineChars)
        {
            line = line[..MaxLineChars] + "…";
        }

        lock (_lock)
        {
            if (_lines.Count == MaxLines)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_lock)
        {
            return [.. _lines];
        }
    }
}
