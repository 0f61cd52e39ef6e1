using System.Security.Cryptography;
using Tether.Client.Storage;
using Tether.Host.Devices;
using Tether.Host.Projects;
using Tether.Host.Tests.Support;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Host.Tests.Devices;

// Mode bits are part of the subject; Windows has none.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeviceRegistryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDirectory _temp = new();
    private readonly ProjectId _project = ProjectId.FromPath("/home/ada/project");
    private readonly SettableTimeProvider _clock = new(Start);
    private readonly DeviceRegistry _registry;

    public DeviceRegistryTests()
    {
        _registry = NewRegistry();
    }

    private string DevicesFile => _temp.Root.Combine("projects", _project.Value, "devices.json");

    private DeviceRegistry NewRegistry() => new(_temp.Root, _project, _clock);

    private static NoisePublicKey RandomNoiseKey() => NoisePublicKey.FromBytes(RandomNumberGenerator.GetBytes(32));

    private static byte[] RandomAccessKey()
    {
        var key = RandomNumberGenerator.GetBytes(PairedDevice.AccessPublicKeyLength);
        key[0] = 0x04;
        return key;
    }

    private PairedDevice AddDevice(string name) => _registry.Add(name, RandomNoiseKey(), RandomAccessKey());

    [Fact]
    public void AnAddedDevice_IsListedWithEveryField_AndAccepted()
    {
        var noiseKey = RandomNoiseKey();
        var access = RandomAccessKey();

        var added = _registry.Add("Pixel 8", noiseKey, access);

        var listed = Assert.Single(NewRegistry().List());
        Assert.Equal("Pixel 8", listed.Name);
        Assert.Equal(noiseKey, listed.NoiseKey);
        Assert.Equal(access, listed.AccessPublicKey.ToArray());
        Assert.Equal(DeviceAccessKey.DeriveSubject(access), listed.AccessSubject);
        Assert.Equal(noiseKey.Fingerprint, listed.Id);
        Assert.Matches("^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$", listed.Fingerprint);
        Assert.Equal(Start, listed.PairedAt);
        Assert.Null(listed.LastSeen);
        Assert.False(listed.IsRevoked);
        Assert.Equal(added.Id, listed.Id);
        Assert.True(_registry.IsAccepted(noiseKey));
        Assert.False(_registry.IsAccepted(RandomNoiseKey()));
        Assert.Equal(SecureFile.Mode, File.GetUnixFileMode(DevicesFile));
    }

    [Fact]
    public void Rename_ByNameOrFingerprint_IsPersisted()
    {
        var device = AddDevice("phone");

        _registry.Rename("PHONE", "work phone");
        _registry.Rename(device.Fingerprint[..9], "old phone");

        Assert.Equal("old phone", Assert.Single(NewRegistry().List()).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\u001b[31mname")]
    [InlineData("spoof\u202Eenohp")]
    public void Rename_ToAnUnsafeName_IsRefused(string name)
    {
        AddDevice("phone");

        Assert.Throws<ArgumentException>(() => _registry.Rename("phone", name));
    }

    [Fact]
    public void Rename_ToANameInUse_IsRefused()
    {
        AddDevice("phone");
        AddDevice("tablet");

        var error = Assert.Throws<ArgumentException>(() => _registry.Rename("tablet", "Phone"));

        Assert.Contains("already named", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASuggestedName_IsMadeSafeAndUnique()
    {
        var first = AddDevice("Pixel");
        var second = AddDevice("pixel");
        var third = AddDevice("evil\u001b]0;title\u0007");
        var fourth = AddDevice("   ");

        Assert.Equal("Pixel", first.Name);
        Assert.Equal("pixel (2)", second.Name);
        Assert.Equal("evil?]0;title?", third.Name);
        Assert.Equal("device", fourth.Name);
    }

    [Fact]
    public void ARevokedDevice_StaysAsATombstone_AndIsRefusedEverywhere()
    {
        var noiseKey = RandomNoiseKey();
        var access = RandomAccessKey();
        _registry.Add("lost phone", noiseKey, access);
        _clock.Now = Start.AddHours(1);

        var revoked = _registry.Revoke("lost phone");

        var listed = Assert.Single(NewRegistry().List());
        Assert.True(listed.IsRevoked);
        Assert.Equal(Start.AddHours(1), listed.RevokedAt);
        Assert.Equal(revoked.Id, listed.Id);
        Assert.False(_registry.IsAccepted(noiseKey));
        Assert.True(_registry.IsRevokedSubject(DeviceAccessKey.DeriveSubject(access).ToArray()));
        Assert.False(_registry.MarkSeen(noiseKey));
        Assert.Throws<DeviceNotFoundException>(() => _registry.Revoke("lost phone"));
        var again = Assert.Throws<InvalidOperationException>(() => _registry.Add("lost phone", noiseKey, access));
        Assert.Contains("revoked", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsRevokedSubject_IsFalseForActiveAndUnknownSubjects()
    {
        var access = RandomAccessKey();
        _registry.Add("phone", RandomNoiseKey(), access);

        Assert.False(_registry.IsRevokedSubject(DeviceAccessKey.DeriveSubject(access).ToArray()));
        Assert.False(_registry.IsRevokedSubject(new byte[16]));
        Assert.False(_registry.IsRevokedSubject(new byte[3]));
    }

    [Fact]
    public void RevokeByAnAmbiguousPrefix_IsRefused_ListingTheCandidates()
    {
        var (a, b, prefix) = TwoKeysSharingAPrefix();
        _registry.Add("alpha", a, RandomAccessKey());
        _registry.Add("beta", b, RandomAccessKey());

        var error = Assert.Throws<AmbiguousDeviceException>(() => _registry.Revoke(prefix));

        Assert.Contains("alpha", error.Message, StringComparison.Ordinal);
        Assert.Contains("beta", error.Message, StringComparison.Ordinal);
        Assert.All(NewRegistry().List(), d => Assert.False(d.IsRevoked));
        Assert.True(_registry.Revoke(a.Fingerprint).IsRevoked);
    }

    [Fact]
    public void RevokeByAnUnknownOrTooShortSelector_IsRefused_ListingTheDevices()
    {
        var device = AddDevice("phone");

        var error = Assert.Throws<DeviceNotFoundException>(() => _registry.Revoke("tablet"));
        Assert.Throws<DeviceNotFoundException>(() => _registry.Revoke(device.Id[..3]));

        Assert.Contains("phone", error.Message, StringComparison.Ordinal);
        Assert.Contains(device.Fingerprint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkSeen_RecordsTheTime_ButNotMoreThanOncePerMinute()
    {
        var noiseKey = RandomNoiseKey();
        _registry.Add("phone", noiseKey, RandomAccessKey());

        _clock.Now = Start.AddMinutes(5);
        Assert.True(_registry.MarkSeen(noiseKey));
        _clock.Now = Start.AddMinutes(5).AddSeconds(30);
        Assert.True(_registry.MarkSeen(noiseKey));
        Assert.Equal(Start.AddMinutes(5), _registry.FindByKey(noiseKey)!.LastSeen);

        _clock.Now = Start.AddMinutes(7);
        Assert.True(_registry.MarkSeen(noiseKey));
        Assert.Equal(Start.AddMinutes(7), _registry.FindByKey(noiseKey)!.LastSeen);
        Assert.False(_registry.MarkSeen(RandomNoiseKey()));
    }

    [Fact]
    public void TwoRegistriesChangingTheFileAtOnce_LoseNoUpdate()
    {
        const int PerWriter = 20;
        var keys = Enumerable.Range(0, 2 * PerWriter).Select(_ => RandomNoiseKey()).ToArray();

        Parallel.For(0, 2, writer =>
        {
            // Separate instances, as the host and `tether devices` are separate processes; the lock file is what they share.
            var registry = NewRegistry();
            for (var i = 0; i < PerWriter; i++)
            {
                var key = keys[(writer * PerWriter) + i];
                registry.Add($"w{writer} d{i}", key, RandomAccessKey());
                if (i % 2 == 0)
                {
                    registry.Rename(key.Fingerprint, $"w{writer} renamed {i}");
                }
            }
        });

        var devices = NewRegistry().List();
        Assert.Equal(2 * PerWriter, devices.Count);
        Assert.Equal(PerWriter, devices.Count(d => d.Name.Contains("renamed", StringComparison.Ordinal)));
        Assert.All(keys, k => Assert.True(_registry.IsAccepted(k)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"version\": 1, \"devices\": [{\"name\": \"x\", \"noise_public_key\": \"AAAA\", \"access_public_key\": \"AAAA\", \"paired_at\": \"2026-01-01T00:00:00Z\"}]}")]
    [InlineData("{\"version\": 1, \"devices\": null}")]
    [InlineData("{\"version\": 99, \"devices\": []}")]
    public void ACorruptDevicesFile_IsReported_AndLeftUntouched(string contents)
    {
        AddDevice("phone");
        File.WriteAllText(DevicesFile, contents);

        var error = Assert.Throws<KeyStoreCorruptException>(() => _registry.List());
        Assert.Throws<KeyStoreCorruptException>(() => AddDevice("tablet"));

        Assert.Contains(DevicesFile, error.Message, StringComparison.Ordinal);
        Assert.Equal(contents, File.ReadAllText(DevicesFile));
    }

    [Fact]
    public void PairedDevice_ToString_ShowsFingerprintAndName()
    {
        var device = AddDevice("phone");

        Assert.Equal($"PairedDevice({device.Fingerprint}, \"phone\")", device.ToString());
    }

    private static (NoisePublicKey A, NoisePublicKey B, string Prefix) TwoKeysSharingAPrefix()
    {
        // Birthday search over 4 hex digits: a few hundred random public keys, microseconds each.
        var seen = new Dictionary<string, NoisePublicKey>();
        while (true)
        {
            var key = RandomNoiseKey();
            var prefix = key.Fingerprint[..DeviceSelector.MinPrefixLength];
            if (seen.TryGetValue(prefix, out var other))
            {
                return (other, key, prefix);
            }

            seen[prefix] = key;
        }
    }

    public void Dispose() => _temp.Dispose();
}
