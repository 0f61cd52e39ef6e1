namespace Tether.Host.Audit;

/// <summary>What <see cref="AuditVerifier"/> found wrong with a log.</summary>
public enum AuditProblemKind
{
    /// <summary>A record's bytes changed after it was written (its hash no longer matches the next record's <c>prev</c>, or the head).</summary>
    EditedRecord,

    /// <summary>Records are missing from the middle: the seqs jump.</summary>
    DeletedRecords,

    /// <summary>Records are in the wrong order (moved, swapped, or a seq repeats).</summary>
    ReorderedRecords,

    /// <summary>Records are missing from the end: <c>audit.head</c> names a later record than the log holds.</summary>
    TruncatedLog,

    /// <summary>A line is not JSON at all.</summary>
    NotJson,

    /// <summary>A line is JSON but not a record (a field missing, invalid or repeated).</summary>
    MalformedRecord,

    /// <summary>The last line has no newline: a partial record.</summary>
    TornLastLine,

    /// <summary><c>audit.head</c> disagrees with the log in a way that points at the head itself.</summary>
    HeadMismatch,

    /// <summary><c>audit.head</c> is missing while the log holds records.</summary>
    HeadMissing,

    /// <summary><c>audit.head</c> is not a valid head file.</summary>
    HeadUnreadable,

    /// <summary>The log is missing while <c>audit.head</c> says it held records.</summary>
    LogMissing,

    /// <summary>A record in which the host itself reported, earlier, that the log's end did not match its head.</summary>
    RecordedAlarm,

    /// <summary>The log or its head can be read or written by other users.</summary>
    LoosePermissions,
}
