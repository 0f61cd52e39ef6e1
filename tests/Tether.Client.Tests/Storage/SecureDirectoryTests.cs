using System.Runtime.Versioning;
using Tether.Client.Storage;

namespace Tether.Client.Tests.Storage;

// Mode bits are the subject here; Windows has none (SecureDirectory skips its checks there).
[UnsupportedOSPlatform("windows")]
public sealed class SecureDirectoryTests : IDisposable
{
    private readonly StorageTestDirectory _temp = new();

    [Fact]
    public void DirectoriesTheStoreCreates_HaveMode0700_AllTheWayDown()
    {
        var leaf = _temp.Root.Combine("projects", "abc");

        SecureDirectory.Ensure(_temp.Root.Path, leaf);

        Assert.Equal(0b111_000_000, StorageTestDirectory.Octal(_temp.Root.Path));
        Assert.Equal(0b111_000_000, StorageTestDirectory.Octal(_temp.Root.Combine("projects")));
        Assert.Equal(0b111_000_000, StorageTestDirectory.Octal(leaf));
    }

    [Theory]
    [InlineData(0b111_101_000)] // 0750
    [InlineData(0b111_101_101)] // 0755
    [InlineData(0b111_000_001)] // 0701
    [InlineData(0b111_010_000)] // 0720
    public void ADirectoryOpenToGroupOrOthers_IsRefused_AndTheMessageSaysHowToFixIt(int mode)
    {
        var leaf = _temp.Root.Combine("projects");
        SecureDirectory.Ensure(_temp.Root.Path, leaf);
        File.SetUnixFileMode(leaf, StorageTestDirectory.Mode(mode));

        var error = Assert.Throws<InsecurePermissionsException>(() => SecureDirectory.Verify(_temp.Root.Path, leaf));

        Assert.Equal(leaf, error.Path);
        Assert.Contains("0" + Convert.ToString(mode, 8), error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 700 {leaf}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATooOpenRoot_IsRefused_EvenWhenTheDirectoriesBelowAreFine()
    {
        var leaf = _temp.Root.Combine("device", "hosts");
        SecureDirectory.Ensure(_temp.Root.Path, leaf);
        File.SetUnixFileMode(_temp.Root.Path, StorageTestDirectory.Mode(0b111_101_101));

        var error = Assert.Throws<InsecurePermissionsException>(() => SecureDirectory.Ensure(_temp.Root.Path, leaf));

        Assert.Equal(_temp.Root.Path, error.Path);
    }

    [Fact]
    public void ASymbolicLinkBelowTheRoot_IsRefused()
    {
        SecureDirectory.Ensure(_temp.Root.Path, _temp.Root.Path);
        var elsewhere = Path.Combine(_temp.Path, "elsewhere");
        Directory.CreateDirectory(elsewhere, StorageTestDirectory.Mode(0b111_000_000));
        Directory.CreateSymbolicLink(_temp.Root.Combine("projects"), elsewhere);

        var error = Assert.Throws<InsecurePermissionsException>(() => SecureDirectory.Ensure(_temp.Root.Path, _temp.Root.Combine("projects", "x")));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "x")));
    }

    [Fact]
    public void ARootThatIsASymbolicLink_IsJudgedByItsTarget()
    {
        var target = Path.Combine(_temp.Path, "dotfiles-tether");
        Directory.CreateDirectory(target, StorageTestDirectory.Mode(0b111_000_000));
        var linkedRoot = Path.Combine(_temp.Path, "linked");
        Directory.CreateSymbolicLink(linkedRoot, target);

        SecureDirectory.Ensure(linkedRoot, Path.Combine(linkedRoot, "projects"));
        File.SetUnixFileMode(target, StorageTestDirectory.Mode(0b111_101_101));

        Assert.True(Directory.Exists(Path.Combine(target, "projects")));
        Assert.Throws<InsecurePermissionsException>(() => SecureDirectory.Verify(linkedRoot, Path.Combine(linkedRoot, "projects")));
    }

    [RootOnlyFact]
    public void ADirectoryOwnedByAnotherUser_IsRefused_AndTheMessageSaysHowToFixIt()
    {
        var leaf = _temp.Root.Combine("projects");
        SecureDirectory.Ensure(_temp.Root.Path, leaf);
        var (code, output) = Tmpfs.Run("chown", "54321", leaf);
        Assert.True(code == 0, output);

        var error = Assert.Throws<InsecurePermissionsException>(() => SecureDirectory.Verify(_temp.Root.Path, leaf));

        Assert.Contains("uid 54321", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chown 0 {leaf}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDirectory_VerifiesAsFalse_AndIsNotCreated()
    {
        Assert.False(SecureDirectory.Verify(_temp.Root.Path, _temp.Root.Combine("projects")));
        Assert.False(Directory.Exists(_temp.Root.Path));
    }

    [Fact]
    public void ADirectoryOutsideTheRoot_IsACallerBug()
    {
        Assert.Throws<ArgumentException>(() => SecureDirectory.Ensure(_temp.Root.Path, _temp.Path));
        Assert.Throws<ArgumentException>(() => SecureDirectory.Ensure(_temp.Root.Path, _temp.Root.Path + "-sibling"));
    }

    public void Dispose() => _temp.Dispose();
}
