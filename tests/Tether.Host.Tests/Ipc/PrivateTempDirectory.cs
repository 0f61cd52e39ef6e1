namespace Tether.Host.Tests.Ipc;

/// <summary>A 0700 directory under /tmp for one test, removed afterwards. Short path: unix socket paths are limited to 108 bytes.</summary>
internal sealed class PrivateTempDirectory : IDisposable
{
    public PrivateTempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("tether-ipc-").FullName;
        System.IO.File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a test that failed may still hold a socket open.
        }
    }
}
