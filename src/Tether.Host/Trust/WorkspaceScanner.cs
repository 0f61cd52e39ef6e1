namespace Tether.Host.Trust;

/// <summary>
/// Finds everything in a project that Claude Code could load from the checkout and that could run code,
/// move the API endpoint or weaken approvals (invariant 10). It only reads: nothing is run, no link is
/// followed, and every read is bounded by <see cref="TrustLimits"/>.
/// </summary>
public static class WorkspaceScanner
{
    /// <summary>Settings files Claude loads from a project (project and local scope).</summary>
    public static readonly IReadOnlyList<string> SettingsFiles = [".claude/settings.json", ".claude/settings.local.json"];

    /// <summary>The project-scope MCP server file.</summary>
    public const string McpFile = ".mcp.json";

    // Directories whose files Claude reads as instructions (commands, sub-agents, skills): prompt-level
    // influence, shown so that the user has seen them, and pinned so that they cannot change unseen.
    private static readonly string[] InstructionDirectories = [".claude/commands", ".claude/agents", ".claude/skills"];

    // Plugin and marketplace manifests: installing them brings hooks and MCP servers.
    private const string PluginManifests = ".claude-plugin";

    private const string ProjectPlugins = ".claude/plugins";

    private const string PluginsWhat = "plugin or marketplace manifests: installing them brings hooks and MCP servers, which run code";

    /// <summary>Scans the project at <paramref name="projectPath"/> (canonical, absolute). Never throws for anything the checkout holds.</summary>
    public static WorkspaceScan Scan(string projectPath)
    {
        ArgumentNullException.ThrowIfNull(projectPath);
        var reader = new WorkspaceReader(Path.TrimEndingDirectorySeparator(projectPath));
        var entries = new List<ScannedEntry>();
        var findings = new List<TrustFinding>();

        // A linked .claude would make every path below it someone else's file: nothing below it is read.
        if (reader.Read(".claude") is { LinkTarget: not null } linkedDirectory)
        {
            Record(linkedDirectory, entries, findings, null);
        }
        else
        {
            foreach (var settings in SettingsFiles)
            {
                Record(reader.Read(settings), entries, findings, SettingsRules.Check);
            }

            foreach (var directory in InstructionDirectories)
            {
                Walk(reader, directory, entries, findings, TrustSeverity.Info, "files the agent may read and follow as instructions");
            }

            Walk(reader, ProjectPlugins, entries, findings, TrustSeverity.High, PluginsWhat);
        }

        Record(reader.Read(McpFile), entries, findings, McpRules.File);
        Walk(reader, PluginManifests, entries, findings, TrustSeverity.High, PluginsWhat);

        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        var ordered = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.File, StringComparer.Ordinal).ToList();
        return new WorkspaceScan(reader.ProjectRoot, entries, ordered);
    }

    private static void Record(WorkspaceFile? file, List<ScannedEntry> entries, List<TrustFinding> findings, Action<System.Text.Json.JsonElement, FindingSink>? rules)
    {
        if (file is null)
        {
            return;
        }

        entries.Add(file.Entry);
        var sink = new FindingSink(file.Entry.RelativePath);
        if (file.LinkTarget is { } target)
        {
            if (file.LinkLeavesProject)
            {
                sink.Add("$", $"is a symbolic link to {FindingSink.Quote(target)}, outside the project; it was not followed", TrustSeverity.Critical,
                    "Claude would load whatever that path holds, which this scan did not check and the repository may control");
            }
            else
            {
                sink.Add("$", $"is a symbolic link to {FindingSink.Quote(target)}; it was not followed", TrustSeverity.High,
                    "links are not followed, so what it points to was not checked here");
            }
        }
        else if (file.Problem is { } problem)
        {
            sink.Add("$", problem, TrustSeverity.High, "a file this scan cannot check may still be loaded by Claude");
        }
        else if (file.Bytes is { } bytes && rules is not null)
        {
            using var document = JsonSettingsParser.Parse(bytes, sink);
            if (document is not null)
            {
                rules(document.RootElement, sink);
            }
        }

        findings.AddRange(sink.Findings);
    }

    private static void Walk(WorkspaceReader reader, string directory, List<ScannedEntry> entries, List<TrustFinding> findings, TrustSeverity severity, string what)
    {
        var top = reader.Read(directory);
        if (top is null)
        {
            return;
        }

        if (top.LinkTarget is not null)
        {
            Record(top, entries, findings, null);
            return;
        }

        var files = 0;
        var truncated = false;
        var pending = new Stack<(string Relative, int Depth)>();
        pending.Push((directory, 0));
        while (pending.Count > 0)
        {
            var (current, depth) = pending.Pop();
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateFileSystemEntries(Path.Combine(reader.ProjectRoot, current)).Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                findings.Add(new TrustFinding(current, "$", "the directory could not be listed: " + e.Message, TrustSeverity.High, "what it holds was not checked"));
                continue;
            }

            foreach (var child in children)
            {
                var relative = reader.Relative(child);
                var info = new FileInfo(child);
                if (info.LinkTarget is null && info.Attributes.HasFlag(FileAttributes.Directory))
                {
                    if (depth + 1 < TrustLimits.MaxDirectoryDepth)
                    {
                        pending.Push((relative, depth + 1));
                    }
                    else
                    {
                        truncated = true;
                    }

                    continue;
                }

                if (++files > TrustLimits.MaxFilesPerDirectory)
                {
                    truncated = true;
                    break;
                }

                var file = reader.Read(relative);
                if (file is not null && (file.LinkTarget is not null || file.Problem is not null))
                {
                    Record(file, entries, findings, null);
                }
                else if (file is not null)
                {
                    entries.Add(file.Entry);
                }
            }
        }

        var count = Math.Min(files, TrustLimits.MaxFilesPerDirectory);
        if (count == 0 && !truncated)
        {
            return;
        }

        findings.Add(new TrustFinding(directory, "$", $"{count} file(s): {what}", severity, severity == TrustSeverity.Info
            ? "prompt-level influence only, but the agent acts on what it reads"
            : "a plugin's hooks and servers are code"));
        if (truncated)
        {
            findings.Add(new TrustFinding(directory, "$", $"holds more than {TrustLimits.MaxFilesPerDirectory} files or is deeper than {TrustLimits.MaxDirectoryDepth} levels; the rest was not checked",
                TrustSeverity.High, "what was not read cannot be vouched for, and changes to it are not pinned"));
        }
    }
}
