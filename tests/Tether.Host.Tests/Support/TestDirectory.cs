using Tether.Client.Storage;

namespace Tether.Host.Tests.Support;

/// <summary>A fresh directory under the system temp directory, removed afterwards; <see cref="Root"/> is a config root inside it.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tether-host-" + Guid.NewGuid().ToString("n")[..12]);
        System.IO.Directory.CreateDirectory(Path);
        Root = new ConfigRoot(System.IO.Path.Combine(Path, ConfigRoot.DirectoryName));
    }

    public string Path { get; }

    public ConfigRoot Root { get; }

    /// <summary>Creates a directory under <see cref="Path"/> and returns its full path.</summary>
    public string Directory(params string[] segments)
    {
        var path = System.IO.Path.Combine([Path, .. segments]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}
