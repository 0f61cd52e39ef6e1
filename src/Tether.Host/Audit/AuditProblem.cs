namespace Tether.Host.Audit;

/// <summary>One finding of <see cref="AuditVerifier"/>.</summary>
/// <param name="Kind">Which kind of tampering or damage.</param>
/// <param name="Line">The line of the log it concerns (1-based), if one.</param>
/// <param name="Seq">The record's seq it concerns, if known.</param>
/// <param name="Description">A sentence for a person: which record, what happened to it.</param>
public sealed record AuditProblem(AuditProblemKind Kind, int? Line, long? Seq, string Description)
{
    /// <summary>"line 4 (seq 4): …", or just the description for the whole file.</summary>
    public override string ToString() =>
        (Line, Seq) switch
        {
            ({ } line, { } seq) => $"line {line} (seq {seq}): {Description}",
            ({ } line, null) => $"line {line}: {Description}",
            _ => Description,
        };
}
