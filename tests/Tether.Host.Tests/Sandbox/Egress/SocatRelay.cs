using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tether.Host.Tests.Sandbox.Egress;

/// <summary>
/// socat relaying a loopback TCP port to a unix socket, as the launcher's relays inside the sandbox do.
/// Killed (by its own handle) on dispose.
/// </summary>
internal sealed class SocatRelay : IDisposable
{
    private readonly Process _process;

    private SocatRelay(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static SocatRelay Start(string socketPath)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("socat") { RedirectStandardError = true };
        start.ArgumentList.Add($"TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr");
        start.ArgumentList.Add($"UNIX-CONNECT:{socketPath}");
        var relay = new SocatRelay(Process.Start(start)!, port);
        relay.WaitForListener();
        return relay;
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    // Connecting once also reaches the service behind the relay: the readiness probe the launcher makes.
    private void WaitForListener()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
