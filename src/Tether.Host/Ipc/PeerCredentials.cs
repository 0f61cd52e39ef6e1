using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Tether.Host.Ipc;

/// <summary>
/// Who is on the other end of a unix socket, as the kernel recorded it at connect time
/// (<c>SO_PEERCRED</c>): a peer cannot forge it, unlike anything it could say about itself.
/// </summary>
internal static partial class PeerCredentials
{
    // <sys/socket.h> on Linux: SOL_SOCKET and SO_PEERCRED; struct ucred is { pid_t pid; uid_t uid; gid_t gid; }.
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int UcredLength = 12;

    /// <summary>The effective uid of this process.</summary>
    public static uint CurrentUid => geteuid();

    /// <summary>The peer's pid and uid; throws when the kernel cannot tell (then the peer is refused).</summary>
    public static (int Pid, uint Uid) Of(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the IPC peer check needs SO_PEERCRED (Linux)");
        }

        Span<byte> ucred = stackalloc byte[UcredLength];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length != UcredLength)
        {
            throw new SocketException((int)SocketError.ProtocolOption);
        }

        // Native byte order: the kernel fills the struct as this machine lays it out.
        return (MemoryMarshal.Read<int>(ucred), MemoryMarshal.Read<uint>(ucred[4..]));
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial uint geteuid();
}
