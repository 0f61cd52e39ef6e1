using System.Globalization;
using System.Net;
using Tether.EchoServer;

// The no-relay baseline of the relay load benchmark (bench/README.md): a Kestrel WebSocket server
// that sends every binary message straight back. Usage: Tether.EchoServer <port>
// It listens on 127.0.0.1 only; the benchmark never leaves the machine.
if (args.Length != 1 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
{
    Console.Error.WriteLine("usage: Tether.EchoServer <port>");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port);
});

var app = builder.Build();
app.UseWebSockets(new WebSocketOptions
{
    // No server pings: the load generator measures the echo path alone, and idle connections
    // must stay idle for the memory figure.
    KeepAliveInterval = TimeSpan.Zero,
});
app.Map("/", EchoEndpoint.HandleAsync);
await app.RunAsync();
return 0;
