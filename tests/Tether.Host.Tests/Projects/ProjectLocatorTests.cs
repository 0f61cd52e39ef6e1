using Tether.Host.Projects;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Projects;

public sealed class ProjectLocatorTests : IDisposable
{
    private readonly TestDirectory _temp = new();

    [Fact]
    public void FromASubdirectoryOfARepository_TheProjectIsTheGitTopLevel()
    {
        var repo = _temp.Directory("repo");
        _temp.Directory("repo", ".git");
        var deep = _temp.Directory("repo", "src", "lib");

        var project = ProjectLocator.Locate(deep);

        Assert.Equal(CanonicalPath.Resolve(repo), project.Path);
    }

    [Fact]
    public void AWorktreeWithAGitFile_IsItsOwnProject()
    {
        _temp.Directory("main", ".git");
        var worktree = _temp.Directory("main", "wt");
        File.WriteAllText(Path.Combine(worktree, ".git"), "gitdir: ../.git/worktrees/wt\n");
        var inside = _temp.Directory("main", "wt", "docs");

        var project = ProjectLocator.Locate(inside);

        Assert.Equal(CanonicalPath.Resolve(worktree), project.Path);
    }

    [Fact]
    public void AGitFileThatIsNotAGitdirPointer_DoesNotMakeAProject()
    {
        var plain = _temp.Directory("plain");
        File.WriteAllText(Path.Combine(plain, ".git"), "not a pointer");
        var sub = _temp.Directory("plain", "sub");

        Assert.Equal(CanonicalPath.Resolve(sub), ProjectLocator.Locate(sub).Path);
    }

    [Fact]
    public void OutsideGit_TheProjectIsTheDirectoryItself()
    {
        var plain = _temp.Directory("notgit", "inner");

        var project = ProjectLocator.Locate(plain);

        Assert.Equal(CanonicalPath.Resolve(plain), project.Path);
    }

    [Fact]
    public void AMissingDirectory_IsAClearError()
    {
        var missing = Path.Combine(_temp.Path, "nope");

        var error = Assert.Throws<DirectoryNotFoundException>(() => ProjectLocator.Locate(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AProjectReachedThroughASymbolicLink_HasTheSamePathAndId()
    {
        var repo = _temp.Directory("real", "repo");
        _temp.Directory("real", "repo", ".git");
        _temp.Directory("real", "repo", "src");
        var link = Path.Combine(_temp.Path, "link");
        Directory.CreateSymbolicLink(link, Path.Combine(_temp.Path, "real"));

        var viaLink = ProjectLocator.Locate(Path.Combine(link, "repo", "src"));
        var direct = ProjectLocator.Locate(repo);

        Assert.Equal(direct.Path, viaLink.Path);
        Assert.Equal(direct.Id, viaLink.Id);
        Assert.DoesNotContain("link", viaLink.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void CanonicalPath_ResolvesRelativeLinksAndDotDot()
    {
        var target = _temp.Directory("a", "b");
        var link = Path.Combine(_temp.Path, "a", "up");
        Directory.CreateSymbolicLink(link, "b/../b");

        Assert.Equal(CanonicalPath.Resolve(target), CanonicalPath.Resolve(Path.Combine(link, ".", "..", "b")));
    }

    [Fact]
    public void TheProjectId_Is16LowercaseHexOfTheCanonicalPath()
    {
        var id = ProjectId.FromPath("/home/ada/project");

        Assert.Matches("^[0-9a-f]{16}$", id.Value);
        Assert.Equal(id, ProjectId.FromPath("/home/ada/project"));
        Assert.NotEqual(id, ProjectId.FromPath("/home/ada/project2"));
        Assert.True(ProjectId.TryParse(id.Value, out var parsed) && parsed == id);
        Assert.False(ProjectId.TryParse("../etc", out _));
    }

    public void Dispose() => _temp.Dispose();
}
