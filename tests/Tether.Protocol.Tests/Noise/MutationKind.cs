namespace Tether.Protocol.Tests.Noise;

internal enum MutationKind
{
    FlipBit,
    Truncate,
    Extend,
    Swap,
    Replay,
}
