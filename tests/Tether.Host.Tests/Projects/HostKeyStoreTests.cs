using System.Runtime.Versioning;
using Tether.Client.Storage;
using Tether.Host.Projects;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Projects;

// Mode bits are part of the subject; Windows has none.
[UnsupportedOSPlatform("windows")]
public sealed class HostKeyStoreTests : IDisposable
{
    private readonly TestDirectory _temp = new();
    private readonly Project _project;

    public HostKeyStoreTests()
    {
        _project = ProjectLocator.Locate(_temp.Directory("project"));
    }

    private string HostFile => _temp.Root.Combine("projects", _project.Id.Value, "host.json");

    private static byte[] StaticPrivate(HostIdentity identity)
    {
        var bytes = new byte[32];
        identity.StaticKeys.ExportPrivateKey(bytes);
        return bytes;
    }

    [Fact]
    public void LoadOrCreateTwice_GivesTheSameKeys()
    {
        using var first = HostKeyStore.LoadOrCreate(_temp.Root, _project);
        using var second = HostKeyStore.LoadOrCreate(_temp.Root, _project);

        Assert.Equal(StaticPrivate(first), StaticPrivate(second));
        Assert.Equal(first.ChannelId, second.ChannelId);
        Assert.Equal(first.ChannelKey.ExportPkcs8(), second.ChannelKey.ExportPkcs8());
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(_project.Path, second.ProjectPath);
    }

    [Fact]
    public void TheKeyFileIs0600_InDirectoriesThatAre0700()
    {
        HostKeyStore.LoadOrCreate(_temp.Root, _project).Dispose();

        Assert.Equal(SecureFile.Mode, File.GetUnixFileMode(HostFile));
        Assert.Equal(SecureDirectory.Mode, File.GetUnixFileMode(Path.GetDirectoryName(HostFile)!));
        Assert.Equal(SecureDirectory.Mode, File.GetUnixFileMode(_temp.Root.Combine("projects")));
        Assert.Equal(SecureDirectory.Mode, File.GetUnixFileMode(_temp.Root.Path));
    }

    [Fact]
    public void AKeyFileReadableByGroup_IsRefused_AndTheMessageSaysHowToFixIt()
    {
        HostKeyStore.LoadOrCreate(_temp.Root, _project).Dispose();
        File.SetUnixFileMode(HostFile, (UnixFileMode)0b110_100_000);

        var error = Assert.Throws<InsecurePermissionsException>(() => HostKeyStore.LoadOrCreate(_temp.Root, _project));

        Assert.Contains($"chmod 600 {HostFile}", error.Message, StringComparison.Ordinal);
        Assert.Contains("0640", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("{\"version\": 7, \"whatever\": true}")]
    [InlineData("{\"version\": 1}")]
    [InlineData("{\"version\": 1, \"project_path\": null, \"created_at\": \"2026-01-01T00:00:00Z\", \"static_private_key\": \"AAAA\", \"channel_key_pkcs8\": \"AAAA\"}")]
    public void ACorruptKeyFile_IsReported_AndNeverRegenerated(string contents)
    {
        HostKeyStore.LoadOrCreate(_temp.Root, _project).Dispose();
        File.WriteAllText(HostFile, contents);

        var error = Assert.Throws<KeyStoreCorruptException>(() => HostKeyStore.LoadOrCreate(_temp.Root, _project));
        Assert.Throws<KeyStoreCorruptException>(() => HostKeyStore.LoadOrCreate(_temp.Root, _project));

        Assert.Equal(contents, File.ReadAllText(HostFile));
        Assert.Contains(HostFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", error.Message, StringComparison.Ordinal);
        Assert.Contains("paired again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedStaticKey_IsReportedAsCorrupt()
    {
        using (var identity = HostKeyStore.LoadOrCreate(_temp.Root, _project))
        {
            var full = Convert.ToBase64String(StaticPrivate(identity));
            File.WriteAllText(HostFile, File.ReadAllText(HostFile).Replace(full, Convert.ToBase64String(StaticPrivate(identity)[..31]), StringComparison.Ordinal));
        }

        var before = File.ReadAllBytes(HostFile);

        var error = Assert.Throws<KeyStoreCorruptException>(() => HostKeyStore.LoadOrCreate(_temp.Root, _project));

        Assert.Contains("truncated or malformed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(HostFile));
    }

    [Fact]
    public void AKeyFileOfAnotherProject_IsReportedAsCorrupt()
    {
        HostKeyStore.LoadOrCreate(_temp.Root, _project).Dispose();
        var other = ProjectLocator.Locate(_temp.Directory("other"));
        var otherFile = _temp.Root.Combine("projects", other.Id.Value, "host.json");
        SecureFile.WriteAtomic(_temp.Root.Path, otherFile, File.ReadAllBytes(HostFile));

        var error = Assert.Throws<KeyStoreCorruptException>(() => HostKeyStore.LoadOrCreate(_temp.Root, other));

        Assert.Contains("belongs to the project at", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostsStartingAtOnce_CreateOneIdentity()
    {
        var identities = new HostIdentity[4];
        Parallel.For(0, identities.Length, i => identities[i] = HostKeyStore.LoadOrCreate(_temp.Root, _project));

        try
        {
            Assert.Single(identities.Select(i => i.ChannelId).Distinct());
            Assert.Single(identities.Select(i => Convert.ToHexString(StaticPrivate(i))).Distinct());
        }
        finally
        {
            foreach (var identity in identities)
            {
                identity.Dispose();
            }
        }
    }

    [Fact]
    public void SecretsNeverAppearInToString()
    {
        using var identity = HostKeyStore.LoadOrCreate(_temp.Root, _project);
        var secret = StaticPrivate(identity);
        var channel = identity.ChannelKey.ExportPkcs8();

        foreach (var text in new[] { identity.ToString(), identity.StaticKeys.ToString(), identity.ChannelKey.ToString() })
        {
            Assert.DoesNotContain(Convert.ToHexString(secret), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(secret), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(channel)[^40..], text, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _temp.Dispose();
}
