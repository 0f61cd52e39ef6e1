using System.Collections.Concurrent;
using Tether.Host.Pairing;
using Tether.Protocol.Noise;
using Tether.Protocol.Relay;

namespace Tether.Host.Tests.Support;

/// <summary>A relay, a project (channel key and host static key) and a log sink, to pair devices against.</summary>
internal sealed class PairingScenario : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private PairingScenario(TestRelay relay) => Relay = relay;

    public TestRelay Relay { get; }

    public ChannelKey Project { get; } = ChannelKey.Generate();

    public NoiseKeyPair HostStatic { get; } = NoiseKeyPair.Generate();

    public CapturingLogger Logs { get; } = new();

    public ConcurrentQueue<NewDevice> HostStored { get; } = new();

    public static async Task<PairingScenario> StartAsync() => new(await TestRelay.StartAsync());

    public PairingHost NewHost(TimeProvider? time = null) => new(
        new PairingHostOptions
        {
            RelayUrl = Relay.Url,
            ProjectChannelKey = Project,
            HostStatic = HostStatic,
            HostName = "workstation",
            TimeProvider = time ?? TimeProvider.System,
            RelayLoggerFactory = Logs,
        },
        Logs.For<PairingHost>());

    /// <summary>Starts the host's run and returns once the link is ready to be shown (the relay holds its slot).</summary>
    public async Task<Task<PairingResult>> RunAsync(PairingHost host, ScriptedPrompt prompt, CancellationToken cancellationToken = default)
    {
        var run = host.RunAsync(
            prompt,
            (device, _) =>
            {
                HostStored.Enqueue(device);
                return Task.CompletedTask;
            },
            cancellationToken);
        await Task.WhenAny(prompt.Ready.Task, run).WaitAsync(Timeout, CancellationToken.None);
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        Project.Dispose();
        HostStatic.Dispose();
    }
}
