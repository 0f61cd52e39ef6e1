using System.Runtime.Versioning;
using System.Text;
using Tether.Client.Storage;

namespace Tether.Client.Tests.Storage;

// Mode bits are the subject here; Windows has none (SecureDirectory skips its checks there).
[UnsupportedOSPlatform("windows")]
public sealed class SecureFileTests : IDisposable
{
    private readonly StorageTestDirectory _temp = new();

    private string FilePath => _temp.Root.Combine("projects", "p", "host.json");

    [Fact]
    public void AFileTheStoreWrites_HasMode0600_AndReadsBack()
    {
        SecureFile.WriteAtomic(_temp.Root.Path, FilePath, "hello"u8);

        Assert.Equal(0b110_000_000, StorageTestDirectory.Octal(FilePath));
        Assert.Equal(0b111_000_000, StorageTestDirectory.Octal(Path.GetDirectoryName(FilePath)!));
        Assert.Equal("hello"u8.ToArray(), SecureFile.ReadIfExists(_temp.Root.Path, FilePath));
    }

    [Theory]
    [InlineData(0b110_100_000)] // 0640
    [InlineData(0b110_100_100)] // 0644
    [InlineData(0b110_000_100)] // 0604
    [InlineData(0b110_110_000)] // 0660
    public void AKeyFileReadableByGroupOrOthers_IsRefused_AndTheMessageSaysHowToFixIt(int mode)
    {
        SecureFile.WriteAtomic(_temp.Root.Path, FilePath, "secret"u8);
        File.SetUnixFileMode(FilePath, StorageTestDirectory.Mode(mode));

        var error = Assert.Throws<InsecurePermissionsException>(() => SecureFile.ReadIfExists(_temp.Root.Path, FilePath));

        Assert.Equal(FilePath, error.Path);
        Assert.Contains("0" + Convert.ToString(mode, 8), error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {FilePath}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFileThatIsASymbolicLink_IsRefused()
    {
        var elsewhere = Path.Combine(_temp.Path, "elsewhere.json");
        File.WriteAllText(elsewhere, "{}");
        File.SetUnixFileMode(elsewhere, SecureFile.Mode);
        SecureDirectory.Ensure(_temp.Root.Path, Path.GetDirectoryName(FilePath)!);
        File.CreateSymbolicLink(FilePath, elsewhere);

        var error = Assert.Throws<InsecurePermissionsException>(() => SecureFile.ReadIfExists(_temp.Root.Path, FilePath));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileInATooOpenDirectory_IsRefused_NamingTheDirectory()
    {
        SecureFile.WriteAtomic(_temp.Root.Path, FilePath, "x"u8);
        var projects = _temp.Root.Combine("projects");
        File.SetUnixFileMode(projects, StorageTestDirectory.Mode(0b111_101_101));

        var error = Assert.Throws<InsecurePermissionsException>(() => SecureFile.ReadIfExists(_temp.Root.Path, FilePath));

        Assert.Equal(projects, error.Path);
        Assert.Contains($"chmod 700 {projects}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFile_ReadsAsNull()
    {
        Assert.Null(SecureFile.ReadIfExists(_temp.Root.Path, FilePath));
    }

    [Fact]
    public void WriteAtomic_ReplacesTheContents_AndLeavesNoTemporaryFile()
    {
        SecureFile.WriteAtomic(_temp.Root.Path, FilePath, "one"u8);
        SecureFile.WriteAtomic(_temp.Root.Path, FilePath, "two"u8);

        Assert.Equal("two", File.ReadAllText(FilePath));
        Assert.Empty(_temp.TempFilesUnder());
    }

    [Fact]
    public void WhenTheRenameFails_TheTemporaryFileIsRemoved_WhatWasThereIsIntact_AndTheErrorSaysSo()
    {
        // A non-empty directory where the file should be: rename(2) cannot replace it.
        var blocker = Path.Combine(FilePath, "keep");
        SecureDirectory.Ensure(_temp.Root.Path, FilePath);
        File.WriteAllText(blocker, "keep");

        var error = Assert.Throws<KeyStoreWriteException>(() => SecureFile.WriteAtomic(_temp.Root.Path, FilePath, "new"u8));

        Assert.Contains($"Could not write {FilePath}", error.Message, StringComparison.Ordinal);
        Assert.Contains("unchanged", error.Message, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(blocker));
        Assert.Empty(_temp.TempFilesUnder());
    }

    [TmpfsFact]
    public void OnAFullDisk_TheWriteFails_TheOldFileIsIntact_AndNoTemporaryFileRemains()
    {
        using var disk = new Tmpfs(Path.Combine(_temp.Path, "tiny"), "64k");
        var root = Path.Combine(disk.MountPoint, "tether");
        var path = Path.Combine(root, "device", "hosts", "0123456789abcdef.json");
        var original = Encoding.UTF8.GetBytes("{\"version\":1}");
        SecureFile.WriteAtomic(root, path, original);

        var error = Assert.Throws<KeyStoreWriteException>(() => SecureFile.WriteAtomic(root, path, new byte[256 * 1024]));

        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.Contains("unchanged", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, ".*"));
    }

    [Fact]
    public void Delete_RemovesTheFile_AndSaysWhetherThereWasOne()
    {
        SecureFile.WriteAtomic(_temp.Root.Path, FilePath, "x"u8);

        Assert.True(SecureFile.Delete(_temp.Root.Path, FilePath));
        Assert.False(File.Exists(FilePath));
        Assert.False(SecureFile.Delete(_temp.Root.Path, FilePath));
    }

    public void Dispose() => _temp.Dispose();
}
