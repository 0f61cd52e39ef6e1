namespace Tether.Cli.Tests.Support;

/// <summary>
/// One person's Tether state for a test: a config directory (keys, devices), a private runtime
/// directory (the host's socket) and a project directory, all under a fresh temporary directory.
/// </summary>
internal sealed class TetherUser : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("tether-e2e-");

    public TetherUser()
    {
        Directory.CreateDirectory(ConfigHome);
        Directory.CreateDirectory(RuntimeDir);
        File.SetUnixFileMode(RuntimeDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(WorkingDirectory);
    }

    public string ConfigHome => Path.Combine(_home.FullName, "config");

    public string RuntimeDir => Path.Combine(_home.FullName, "run");

    /// <summary>The project the host serves (and where other commands run).</summary>
    public string WorkingDirectory => Path.Combine(_home.FullName, "project");

    public void Dispose()
    {
        try
        {
            _home.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file; the directory is under /tmp.
        }
    }
}
