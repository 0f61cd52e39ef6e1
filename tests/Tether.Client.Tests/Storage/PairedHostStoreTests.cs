using System.Runtime.Versioning;
using Tether.Client.Storage;

namespace Tether.Client.Tests.Storage;

// Mode bits are the subject here; Windows has none (SecureDirectory skips its checks there).
[UnsupportedOSPlatform("windows")]
public sealed class PairedHostStoreTests : IDisposable
{
    private readonly StorageTestDirectory _temp = new();
    private readonly PairedHostStore _store;

    public PairedHostStoreTests()
    {
        _store = new PairedHostStore(_temp.Root);
    }

    private string FileOf(string id) => _temp.Root.Combine("device", "hosts", id + ".json");

    [Fact]
    public void SaveThenLoad_GivesBackEveryField()
    {
        using var saved = PairedHostFixture.Create();
        _store.Save(saved);

        using var loaded = _store.Load(saved.Id);

        Assert.NotNull(loaded);
        Assert.Equal(saved.Id, loaded.Id);
        Assert.Equal(saved.HostName, loaded.HostName);
        Assert.Equal(PairedHostFixture.NoisePrivateKey(saved), PairedHostFixture.NoisePrivateKey(loaded));
        Assert.Equal(saved.DeviceKeys.PublicKey, loaded.DeviceKeys.PublicKey);
        Assert.Equal(saved.AccessKey.PublicKey.ToArray(), loaded.AccessKey.PublicKey.ToArray());
        Assert.Equal(saved.AccessKey.ExportPkcs8(), loaded.AccessKey.ExportPkcs8());
        Assert.Equal(saved.HostStaticKey, loaded.HostStaticKey);
        Assert.Equal(saved.ChannelId, loaded.ChannelId);
        Assert.Equal(saved.RelayUrl, loaded.RelayUrl);
        Assert.Equal(saved.Certificate.ToArray(), loaded.Certificate.ToArray());
        Assert.Equal(saved.PairedAt, loaded.PairedAt);
        Assert.Equal(0b110_000_000, StorageTestDirectory.Octal(FileOf(saved.Id)));
    }

    [Fact]
    public void TheHostId_IsAShortHashOfTheHostKeyAndChannel()
    {
        using var host = PairedHostFixture.Create();

        Assert.Equal(PairedHost.DeriveId(host.HostStaticKey, host.ChannelId), host.Id);
        Assert.True(PairedHost.IsWellFormedId(host.Id));
    }

    [Fact]
    public void List_ShowsEveryHostByName_AndRemoveForgetsOne()
    {
        using var b = PairedHostFixture.Create("beta on laptop");
        using var a = PairedHostFixture.Create("alpha on workstation");
        _store.Save(b);
        _store.Save(a);

        Assert.Equal(["alpha on workstation", "beta on laptop"], _store.List().Select(h => h.HostName));
        Assert.True(_store.Remove(a.Id));
        Assert.False(_store.Remove(a.Id));
        Assert.Equal([b.Id], _store.List().Select(h => h.Id));
        Assert.Null(_store.Load(a.Id));
    }

    [Fact]
    public void AFileFromAnOlderBuild_WithALastStreamId_StillLoads()
    {
        using var host = PairedHostFixture.Create();
        _store.Save(host);
        var path = FileOf(host.Id);
        var stream = Convert.ToBase64String(Enumerable.Repeat((byte)0xab, 16).ToArray());
        var json = File.ReadAllText(path);
        var brace = json.LastIndexOf('}');
        File.WriteAllText(path, json[..brace].TrimEnd() + ",\n  \"last_stream_id\": \"" + stream + "\"\n}");

        using var loaded = _store.Load(host.Id);

        Assert.NotNull(loaded);
        Assert.Equal(PairedHostFixture.NoisePrivateKey(host), PairedHostFixture.NoisePrivateKey(loaded));
        Assert.Equal([host.Id], _store.List().Select(h => h.Id));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123")]
    public void AnIdThatIsNotAHostId_IsRefused_SoItCannotNameAnotherFile(string id)
    {
        Assert.Throws<ArgumentException>(() => _store.Load(id));
        Assert.Throws<ArgumentException>(() => _store.Remove(id));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"version\": 1, \"host_name\": \"x\"")]
    [InlineData("{\"version\": 2}")]
    [InlineData("{\"host_name\": \"no version\"}")]
    [InlineData("")]
    public void ACorruptHostFile_IsReported_AndLeftUntouched(string contents)
    {
        using var host = PairedHostFixture.Create();
        _store.Save(host);
        File.WriteAllText(FileOf(host.Id), contents);

        var error = Assert.Throws<KeyStoreCorruptException>(() => _store.Load(host.Id));

        Assert.Equal(FileOf(host.Id), error.Path);
        Assert.Contains("Restore it from a backup, or remove it", error.Message, StringComparison.Ordinal);
        Assert.Contains("paired with it again", error.Message, StringComparison.Ordinal);
        Assert.Equal(contents, File.ReadAllText(FileOf(host.Id)));
    }

    [Fact]
    public void ATruncatedPrivateKey_IsReportedAsCorrupt_WithoutTheKeyInTheMessage()
    {
        using var host = PairedHostFixture.Create();
        _store.Save(host);
        var path = FileOf(host.Id);
        var privateKey = Convert.ToBase64String(PairedHostFixture.NoisePrivateKey(host));
        var truncated = File.ReadAllText(path).Replace(privateKey, privateKey[..40], StringComparison.Ordinal);
        File.WriteAllText(path, truncated);

        var error = Assert.Throws<KeyStoreCorruptException>(() => _store.Load(host.Id));

        Assert.Contains("truncated or malformed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(privateKey[..40], error.ToString(), StringComparison.Ordinal);
        Assert.Equal(truncated, File.ReadAllText(path));
    }

    [Fact]
    public void SecretsNeverAppearInToString()
    {
        using var host = PairedHostFixture.Create();
        var privateKey = PairedHostFixture.NoisePrivateKey(host);
        var accessKey = host.AccessKey.ExportPkcs8();
        var texts = new[] { host.ToString(), host.DeviceKeys.ToString(), host.AccessKey.ToString() };

        foreach (var text in texts)
        {
            Assert.DoesNotContain(Convert.ToBase64String(privateKey), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(privateKey), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(accessKey)[..20], text, StringComparison.Ordinal);
        }

        Assert.Contains(host.Id, host.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
