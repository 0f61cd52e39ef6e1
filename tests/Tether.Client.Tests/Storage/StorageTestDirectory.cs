using Tether.Client.Storage;

namespace Tether.Client.Tests.Storage;

/// <summary>A fresh directory under the system temp directory, removed afterwards; <see cref="Root"/> is a config root inside it.</summary>
internal sealed class StorageTestDirectory : IDisposable
{
    public StorageTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tether-storage-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(Path);
        Root = new ConfigRoot(System.IO.Path.Combine(Path, ConfigRoot.DirectoryName));
    }

    public string Path { get; }

    public ConfigRoot Root { get; }

    public static UnixFileMode Mode(int octal) => (UnixFileMode)octal;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static int Octal(string path) => (int)File.GetUnixFileMode(path);

    public string[] TempFilesUnder() =>
        Directory.Exists(Path) ? Directory.GetFiles(Path, "*.tmp", SearchOption.AllDirectories) : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}
