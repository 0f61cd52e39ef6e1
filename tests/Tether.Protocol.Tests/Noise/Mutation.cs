namespace Tether.Protocol.Tests.Noise;

/// <summary>
/// One attack on an honest conversation's message list: flip a bit, truncate, extend, swap two messages
/// or replay an earlier one. <see cref="Apply"/> returns the list the receivers see instead.
/// </summary>
internal sealed record Mutation(string Protocol, MutationKind Kind, int Step, int Other, int Amount, byte[] Extra)
{
    public IReadOnlyList<byte[]> Apply(IReadOnlyList<byte[]> honest)
    {
        var delivered = honest.ToList();
        byte[] target = honest[Step];
        switch (Kind)
        {
            case MutationKind.FlipBit:
                byte[] flipped = (byte[])target.Clone();
                int bit = Amount % (target.Length * 8);
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                delivered[Step] = flipped;
                break;
            case MutationKind.Truncate:
                delivered[Step] = target[..(Amount % target.Length)];
                break;
            case MutationKind.Extend:
                delivered[Step] = [.. target, .. Extra];
                break;
            case MutationKind.Swap:
                (delivered[Step], delivered[Other]) = (honest[Other], honest[Step]);
                break;
            case MutationKind.Replay:
                // Deliver the earlier message Other again in place of message Step (Other < Step).
                delivered[Step] = honest[Other];
                break;
        }

        return delivered;
    }

    public override string ToString() => $"{Kind} {Protocol} step {Step} other {Other} amount {Amount} extra {Extra.Length}";
}
