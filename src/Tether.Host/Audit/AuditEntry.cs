namespace Tether.Host.Audit;

/// <summary>One record as <c>tether audit show</c> displays it.</summary>
/// <param name="Line">Its line in the log (1-based).</param>
/// <param name="Seq">Its seq.</param>
/// <param name="Time">When it was written (UTC).</param>
/// <param name="Kind">One of <see cref="AuditKinds"/>.</param>
/// <param name="Fields">The kind-specific fields, in the record's order, as text.</param>
/// <param name="Json">The line exactly as stored.</param>
public sealed record AuditEntry(int Line, long Seq, DateTimeOffset Time, string Kind, IReadOnlyList<KeyValuePair<string, string>> Fields, string Json);
