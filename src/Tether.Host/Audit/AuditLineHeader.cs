namespace Tether.Host.Audit;

/// <summary>The fields every record has, as <see cref="AuditLine.TryParse"/> read them.</summary>
internal readonly record struct AuditLineHeader(long Seq, DateTimeOffset Time, string Kind, string Prev);
