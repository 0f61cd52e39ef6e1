using System.Runtime.Versioning;
using Tether.Client.Storage;

namespace Tether.Client.Tests.Storage;

// Mode bits are the subject here; Windows has none (SecureDirectory skips its checks there).
[UnsupportedOSPlatform("windows")]
public sealed class StoreLockTests : IDisposable
{
    private readonly StorageTestDirectory _temp = new();

    private string LockPath => _temp.Root.Combine("devices.lock");

    [Fact]
    public void ASecondHolder_WaitsUntilTheDeadline_ThenGetsAClearError()
    {
        using var first = StoreLock.Acquire(_temp.Root.Path, LockPath, TimeSpan.FromSeconds(1));

        var error = Assert.Throws<KeyStoreLockTimeoutException>(() => StoreLock.Acquire(_temp.Root.Path, LockPath, TimeSpan.FromMilliseconds(100)));

        Assert.Contains(LockPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("another tether process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnceReleased_TheLockCanBeTakenAgain_AndItsFileIs0600()
    {
        StoreLock.Acquire(_temp.Root.Path, LockPath, TimeSpan.FromSeconds(1)).Dispose();

        using var again = StoreLock.Acquire(_temp.Root.Path, LockPath, TimeSpan.FromMilliseconds(100));

        Assert.Equal(0b110_000_000, StorageTestDirectory.Octal(LockPath));
    }

    public void Dispose() => _temp.Dispose();
}
