using System.CommandLine;
using Tether.Cli.Commands;

// tether: one command line for the relay now, and the host, pairing and devices as they land.
// Each command lives in Commands/<Name>Command.cs and is added here.
var root = new RootCommand("Tether: drive a coding agent on your workstation from your phone, through a relay that cannot read your traffic.")
{
    RunCommand.Create(),
    PairCommand.Create(),
    AttachCommand.Create(),
    RelayCommand.Create(),
    StatusCommand.Create(),
    DevicesCommand.Create(),
    AuditCommand.Create(),
    TrustCommand.Create(),
    DoctorCommand.Create(),
};

return await root.Parse(args).InvokeAsync(new InvocationConfiguration
{
    // After Ctrl-C or SIGTERM a command gets this long to finish (the relay's shutdown grace is 10 s by default).
    ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
}).ConfigureAwait(false);
