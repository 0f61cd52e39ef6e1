namespace Tether.Host.Projects;

/// <summary>A project as <see cref="ProjectLocator"/> found it: its canonical root directory and its id.</summary>
public sealed class Project
{
    internal Project(string canonicalPath)
    {
        Path = canonicalPath;
        Id = ProjectId.FromPath(canonicalPath);
    }

    /// <summary>The canonical absolute path of the project root (symbolic links resolved).</summary>
    public string Path { get; }

    /// <summary>The project's id in the key store.</summary>
    public ProjectId Id { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Id})";
}
