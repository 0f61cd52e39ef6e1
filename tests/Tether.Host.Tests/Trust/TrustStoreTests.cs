using System.Runtime.Versioning;
using Tether.Client.Storage;
using Tether.Host.Projects;
using Tether.Host.Tests.Support;
using Tether.Host.Trust;

namespace Tether.Host.Tests.Trust;

// Mode bits are part of the subject; Windows has none.
[UnsupportedOSPlatform("windows")]
public sealed class TrustStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDirectory _temp = new();
    private readonly Project _project;

    public TrustStoreTests()
    {
        _project = ProjectLocator.Locate(_temp.Directory("project"));
        Write(".claude/settings.json", """{"apiKeyHelper":"./key.sh"}""");
        Write(".mcp.json", """{"mcpServers":{"db":{"command":"db-server"}}}""");
    }

    public void Dispose() => _temp.Dispose();

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_project.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private TrustState State() => TrustStore.Check(_temp.Root, _project, WorkspaceScanner.Scan(_project.Path));

    private void Accept() => TrustStore.Accept(_temp.Root, _project, WorkspaceScanner.Scan(_project.Path), Now);

    [Fact]
    public void FindingsNeverAccepted_AreNotTrusted()
    {
        Assert.Equal(TrustState.NotTrusted, State());
    }

    [Fact]
    public void AcceptedFindings_AreTrusted_InA0600File()
    {
        Accept();

        Assert.Equal(TrustState.Trusted, State());
        Assert.Equal(SecureFile.Mode, File.GetUnixFileMode(TrustStore.PathFor(_temp.Root, _project.Id)));
    }

    [Fact]
    public void AnyChangedByte_AsksAgain()
    {
        Accept();

        Write(".mcp.json", """{"mcpServers":{"db":{"command":"db-servex"}}}""");

        Assert.Equal(TrustState.ChangedSinceTrust, State());
    }

    [Fact]
    public void AnAddedFile_AsksAgain()
    {
        Accept();

        Write(".claude/settings.local.json", "{}");

        Assert.Equal(TrustState.ChangedSinceTrust, State());
    }

    [Fact]
    public void ARemovedFile_AsksAgain()
    {
        Accept();

        File.Delete(Path.Combine(_project.Path, ".mcp.json"));

        Assert.Equal(TrustState.ChangedSinceTrust, State());
    }

    [Fact]
    public void AFileReplacedByALinkToTheSameBytes_AsksAgain()
    {
        Accept();
        var copy = Path.Combine(_temp.Path, "copy.json");
        File.Copy(Path.Combine(_project.Path, ".mcp.json"), copy);
        File.Delete(Path.Combine(_project.Path, ".mcp.json"));
        File.CreateSymbolicLink(Path.Combine(_project.Path, ".mcp.json"), copy);

        Assert.Equal(TrustState.ChangedSinceTrust, State());
    }

    [Fact]
    public void FilesOutsideWhatIsScanned_DoNotMatter()
    {
        Accept();

        Write("src/main.c", "int main(void) { return 0; }");

        Assert.Equal(TrustState.Trusted, State());
    }

    [Fact]
    public void Revoke_ForgetsTheDecision()
    {
        Accept();

        Assert.True(TrustStore.Revoke(_temp.Root, _project));
        Assert.Equal(TrustState.NotTrusted, State());
        Assert.False(TrustStore.Revoke(_temp.Root, _project));
    }

    [Fact]
    public void ACleanWorkspace_NeedsNoTrust()
    {
        File.Delete(Path.Combine(_project.Path, ".mcp.json"));
        File.Delete(Path.Combine(_project.Path, ".claude/settings.json"));

        Assert.Equal(TrustState.NothingToTrust, State());
    }

    [Fact]
    public void AGroupReadableTrustFile_IsRefused()
    {
        Accept();
        File.SetUnixFileMode(TrustStore.PathFor(_temp.Root, _project.Id), (UnixFileMode)0b110_100_000);

        Assert.Throws<InsecurePermissionsException>(() => State());
    }

    [Fact]
    public void AGroupWritableProjectDirectory_IsRefused()
    {
        Accept();
        File.SetUnixFileMode(Path.GetDirectoryName(TrustStore.PathFor(_temp.Root, _project.Id))!, (UnixFileMode)0b111_111_000);

        Assert.Throws<InsecurePermissionsException>(() => State());
    }
}
