using Tether.Client.Storage;
using Tether.Host.Projects;

namespace Tether.Host.Audit;

/// <summary>Where a project's audit files live: next to its keys, in <c>projects/&lt;id&gt;/</c>.</summary>
internal static class AuditPaths
{
    /// <summary>The log itself: one JSON record per line, only ever appended to.</summary>
    public const string LogFileName = "audit.jsonl";

    /// <summary>The last record's seq and hash, so that a log cut short at its end is noticed.</summary>
    public const string HeadFileName = "audit.head";

    /// <summary>Held around append + head update, so two processes never interleave their records.</summary>
    public const string LockFileName = "audit.lock";

    public static string Log(ConfigRoot root, ProjectId project) => root.Combine("projects", project.Value, LogFileName);

    public static string Lock(ConfigRoot root, ProjectId project) => root.Combine("projects", project.Value, LockFileName);

    /// <summary>The head that belongs to a log: same directory, fixed name.</summary>
    public static string HeadFor(string logPath) =>
        Path.Join(Path.GetDirectoryName(Path.GetFullPath(logPath)), HeadFileName);
}
