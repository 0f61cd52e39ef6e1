namespace Tether.Client.Tests.Support;

/// <summary>A "random" source that always says the same fraction, so a jittered schedule is exact.</summary>
internal sealed class FixedRandom(double fraction) : Random
{
    public override double NextDouble() => fraction;

    protected override double Sample() => fraction;
}
