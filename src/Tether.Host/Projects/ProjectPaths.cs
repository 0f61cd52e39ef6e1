using Tether.Client.Storage;

namespace Tether.Host.Projects;

/// <summary>Where a project's files live under the config root: <c>projects/&lt;id&gt;/…</c>.</summary>
internal static class ProjectPaths
{
    public static string Directory(ConfigRoot root, ProjectId project) => root.Combine("projects", project.Value);

    public static string HostFile(ConfigRoot root, ProjectId project) => root.Combine("projects", project.Value, "host.json");

    /// <summary>Taken only while creating host.json, so two hosts starting at once make one identity.</summary>
    public static string HostLock(ConfigRoot root, ProjectId project) => root.Combine("projects", project.Value, "host.lock");

    public static string DevicesFile(ConfigRoot root, ProjectId project) => root.Combine("projects", project.Value, "devices.json");

    public static string DevicesLock(ConfigRoot root, ProjectId project) => root.Combine("projects", project.Value, "devices.lock");
}
