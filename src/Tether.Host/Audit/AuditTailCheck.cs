namespace Tether.Host.Audit;

/// <summary>Compares the end of the log with <c>audit.head</c>, and says in words what disagrees.</summary>
internal static class AuditTailCheck
{
    /// <summary>Null when the log's end is what the head says; otherwise a sentence for the security record.</summary>
    public static string? Mismatch(AuditTail tail, AuditHead? head, bool headPresent)
    {
        if (tail.TornBytes > 0)
        {
            return $"the log ends with {tail.TornBytes} bytes that are not a complete line: a write was cut short (a crash or a full disk) or the end of the log was cut off"
                + (head is null ? "" : $"; audit.head says the last record is seq {head.Seq}");
        }

        if (headPresent && head is null)
        {
            return "audit.head is not a valid head file: it was edited or damaged";
        }

        if (head is null)
        {
            return tail.Length == 0 ? null : $"audit.head is missing, but the log holds records up to seq {tail.Seq}: the head was deleted";
        }

        if (tail.Length == 0)
        {
            return $"the log is missing or empty, but audit.head says it held records up to seq {head.Seq}: the log was deleted or emptied";
        }

        if (head.Seq == tail.LastLineSeq && head.Sha256 == tail.LastLineHash)
        {
            return null;
        }

        if (tail.LastLineSeq is not { } last)
        {
            return $"the log's last line is not a record; audit.head says the last record is seq {head.Seq}";
        }

        if (head.Seq > last)
        {
            return $"audit.head says the last record is seq {head.Seq}, but the log ends at seq {last}: records were cut from the end";
        }

        if (head.Seq < last)
        {
            return $"audit.head says the last record is seq {head.Seq}, but the log goes on to seq {last}: the host stopped between writing a record and updating the head, or the head was replaced with an older copy";
        }

        return $"the last record, seq {last}, no longer has the hash audit.head keeps for it: the record or the head was changed";
    }
}
