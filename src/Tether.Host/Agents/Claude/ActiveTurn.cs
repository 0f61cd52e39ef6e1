namespace Tether.Host.Agents.Claude;

/// <summary>The turn Claude is working on: from an accepted prompt to its <c>result</c> line (or the process's end).</summary>
internal sealed class ActiveTurn
{
    public ActiveTurn(long number, long startedTimestamp)
    {
        Number = number;
        StartedTimestamp = startedTimestamp;
    }

    /// <summary>Counted by the driver from 1, per agent (Claude has no turn numbers).</summary>
    public long Number { get; }

    /// <summary>A <see cref="TimeProvider.GetTimestamp"/> reading, for a duration when Claude gives none.</summary>
    public long StartedTimestamp { get; }

    /// <summary>An interrupt was sent: an error result then means "interrupted".</summary>
    public bool Interrupting { get; set; }
}
