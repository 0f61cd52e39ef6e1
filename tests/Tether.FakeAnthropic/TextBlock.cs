namespace Tether.FakeAnthropic;

/// <summary>A text block, streamed as one <c>text_delta</c> per entry of <see cref="Deltas"/>.</summary>
public sealed record TextBlock : ReplyBlock
{
    public TextBlock(IReadOnlyList<string> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Count == 0)
        {
            throw new ArgumentException("A text block needs at least one delta.", nameof(deltas));
        }

        Deltas = deltas;
    }

    public IReadOnlyList<string> Deltas { get; }

    /// <summary>The whole text, as the client assembles it.</summary>
    public string Text => string.Concat(Deltas);
}
