using System.Net.Sockets;
using Tether.Client.Storage;

namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// Binds the unix sockets the sandbox reaches: the directory must be ours and 0700, the socket is made 0600.
/// Only the bind mount brings the socket into the sandbox; the modes keep every other local user out.
/// </summary>
internal static class PrivateUnixSocket
{
    /// <summary>sockaddr_un.sun_path is 108 bytes on Linux, including the terminating NUL.</summary>
    public const int MaxPathBytes = 107;

    /// <summary>Checks that <paramref name="path"/> can be bound privately and removes a stale socket left there.</summary>
    /// <exception cref="ArgumentException">The path is too long or its directory is missing.</exception>
    /// <exception cref="InsecurePermissionsException">The directory is open to others or another user's.</exception>
    public static void Prepare(string path)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw new ArgumentException($"The socket path {path} is longer than {MaxPathBytes} bytes.", nameof(path));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new ArgumentException("The socket path has no directory.", nameof(path));
        if (!Directory.Exists(directory))
        {
            throw new ArgumentException($"The socket directory {directory} does not exist.", nameof(path));
        }

        if (!OperatingSystem.IsWindows())
        {
            SecureDirectory.CheckOwnerAndMode(directory, directory: true);
        }

        if (File.Exists(path) && (File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0)
        {
            // Left by a run that crashed: the directory is ours alone (checked above), so what is in it is
            // ours too. A link is left in place for bind to refuse rather than followed.
            File.Delete(path);
        }
    }

    /// <summary>Sets the bound socket's mode to 0600: the creation mode passed through the umask.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, SecureFile.Mode);
        }
    }

    /// <summary>Removes the socket file on shutdown; the directory may already be gone with the session.</summary>
    public static void Remove(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Creates, binds and listens on a 0600 socket at <paramref name="path"/>.</summary>
    public static Socket Listen(string path, int backlog)
    {
        Prepare(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            Restrict(path);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
