using System.Collections.Concurrent;
using Tether.Client.Storage;
using Tether.Host.Projects;

namespace Tether.Host.Audit;

/// <summary>
/// A project's append-only, hash-chained audit log (architecture invariant 12):
/// <c>projects/&lt;id&gt;/audit.jsonl</c>, one JSON record per line, each naming the SHA-256 of the line
/// before it, plus <c>audit.head</c> naming the last line. Safe to use from many threads and from
/// several processes at once.
/// </summary>
/// <remarks>
/// Every append, under a process-wide lock and the <c>audit.lock</c> file: read the log's end, compare it
/// with the head (a mismatch is first recorded as a <see cref="SecurityEvent.LogTailMismatch"/> record,
/// never silently repaired), write the record with one write, fsync, then replace the head atomically.
/// </remarks>
public sealed class AuditLog
{
    // One gate per log file in this process, so threads (and several AuditLog objects on one file) queue
    // here instead of polling the lock file.
    private static readonly ConcurrentDictionary<string, Lock> Gates = new(StringComparer.Ordinal);

    private readonly string _root;
    private readonly string _lockPath;
    private readonly TimeProvider _time;
    private readonly Lock _gate;

    private AuditLog(string root, string path, string lockPath, TimeProvider time)
    {
        _root = root;
        Path = path;
        HeadPath = AuditPaths.HeadFor(path);
        _lockPath = lockPath;
        _time = time;
        _gate = Gates.GetOrAdd(path, _ => new Lock());
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Where the log of <paramref name="project"/> lives (for readers such as <c>tether audit</c>).</summary>
    public static string PathFor(ConfigRoot root, ProjectId project)
    {
        ArgumentNullException.ThrowIfNull(root);
        return AuditPaths.Log(root, project);
    }

    /// <summary>The head file next to it.</summary>
    public string HeadPath { get; }

    /// <summary>
    /// Opens the project's log (creating its directories 0700 if needed) and checks its end against
    /// <c>audit.head</c>; a mismatch is appended as a security record before anything else.
    /// </summary>
    /// <exception cref="InsecurePermissionsException">The log, its head or a directory above them is too open, a link, or another user's.</exception>
    /// <exception cref="AuditWriteException">The security record for a mismatch could not be written.</exception>
    public static AuditLog Open(ConfigRoot root, ProjectId project, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var path = AuditPaths.Log(root, project);
        SecureDirectory.Ensure(root.Path, System.IO.Path.GetDirectoryName(path)!);
        var log = new AuditLog(root.Path, path, AuditPaths.Lock(root, project), time ?? TimeProvider.System);
        log.AppendLocked(null);
        return log;
    }

    /// <summary>Appends one record; returns its seq.</summary>
    /// <exception cref="AuditWriteException">The record could not be written (nothing after it was either).</exception>
    /// <exception cref="InsecurePermissionsException">The log or its head became too open, a link, or another user's.</exception>
    /// <exception cref="KeyStoreLockTimeoutException">Another process held <c>audit.lock</c> for 10 s.</exception>
    public long Append(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return AppendLocked(auditEvent);
    }

    /// <summary>Checks the tail against the head, records any mismatch, then appends <paramref name="auditEvent"/> if given.</summary>
    private long AppendLocked(AuditEvent? auditEvent)
    {
        lock (_gate)
        {
            using var fileLock = StoreLock.Acquire(_root, _lockPath, StoreLock.DefaultTimeout);
            AuditFile.CheckIfExists(Path);
            var headBytes = SecureFile.ReadIfExists(_root, HeadPath);
            var head = headBytes is null ? null : AuditHead.Parse(headBytes);
            var tail = AuditTail.Read(Path);
            var seq = tail.Seq;
            if (AuditTailCheck.Mismatch(tail, head, headBytes is not null) is { } mismatch)
            {
                seq = Write(tail, new SecurityEvent(SecurityEvent.LogTailMismatch, mismatch));
                tail = AuditTail.Read(Path);
            }

            return auditEvent is null ? seq : Write(tail, auditEvent);
        }
    }

    /// <summary>Writes one record after <paramref name="tail"/>, then the head; returns the record's seq.</summary>
    private long Write(AuditTail tail, AuditEvent auditEvent)
    {
        var seq = checked(tail.Seq + 1);
        var line = AuditLine.Build(seq, _time.GetUtcNow(), auditEvent, tail.TornHash ?? tail.LastLineHash);

        // After a torn write the partial line is ended first, in the same write, so the new record starts
        // a line of its own; the fragment stays in the log, chained, for verify to report.
        var torn = tail.TornBytes > 0 ? 1 : 0;
        var bytes = new byte[torn + line.Length + 1];
        if (torn == 1)
        {
            bytes[0] = AuditLine.NewLine;
        }

        line.CopyTo(bytes, torn);
        bytes[^1] = AuditLine.NewLine;
        AuditFile.Append(Path, bytes);
        SecureFile.WriteAtomic(_root, HeadPath, new AuditHead { Seq = seq, Sha256 = AuditLine.Hash(line) }.ToBytes());
        return seq;
    }
}
