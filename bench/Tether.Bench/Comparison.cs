namespace Tether.Bench;

/// <summary>One row of the report: a candidate against its baseline, both per operation.</summary>
internal sealed record Comparison(string Name, double BaselineNanos, double CandidateNanos, double BaselineBytes, double CandidateBytes)
{
    public double Ratio => CandidateNanos / BaselineNanos;

    public double CandidateOpsPerSecond => 1e9 / CandidateNanos;

    public double BaselineOpsPerSecond => 1e9 / BaselineNanos;
}
