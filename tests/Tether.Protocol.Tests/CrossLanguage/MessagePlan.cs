namespace Tether.Protocol.Tests.CrossLanguage;

/// <summary>
/// Random payload sizes from empty to the largest, and contents cut from one random block, so that
/// both the sender and the checker can produce message i without keeping 10,000 of them in memory.
/// </summary>
internal sealed class MessagePlan
{
    private readonly int[] _sizes;
    private readonly byte[] _block;

    public MessagePlan(int count, int maxPayload)
    {
        var random = new Random(Random.Shared.Next());
        _sizes = new int[count];
        for (var i = 0; i < count; i++)
        {
            _sizes[i] = random.Next(maxPayload + 1);
        }

        // The edges always appear: an empty message and a largest one.
        _sizes[0] = 0;
        _sizes[1] = maxPayload;
        _block = new byte[maxPayload + 256];
        random.NextBytes(_block);
    }

    public int Count => _sizes.Length;

    public bool CoversEmptyAndLargest => _sizes.Contains(0) && _sizes.Max() == _block.Length - 256;

    public int Size(int i) => _sizes[i];

    public ReadOnlySpan<byte> Payload(int i) => _block.AsSpan(i % 256, _sizes[i]);
}
