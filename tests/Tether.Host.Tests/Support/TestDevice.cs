using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tether.Client.Pairing;
using Tether.Protocol.Noise;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;

namespace Tether.Host.Tests.Support;

/// <summary>A phone: its own keys, a screen (<see cref="Events"/>) and a store (<see cref="Stored"/>).</summary>
internal sealed class TestDevice(string name) : IDisposable
{
    public NoiseKeyPair Static { get; } = NoiseKeyPair.Generate();

    public DeviceAccessKey Access { get; } = DeviceAccessKey.Generate();

    public RecordingDeviceEvents Events { get; } = new();

    public ConcurrentQueue<PairingGrant> Stored { get; } = new();

    public DeviceIdentityForPairing Identity => new(Static, Access, name);

    /// <summary>Scans <paramref name="linkText"/> and pairs.</summary>
    public async Task<PairingGrant> PairAsync(string linkText, ILoggerFactory? logs = null)
    {
        Assert.True(PairingLink.TryParse(linkText, DateTimeOffset.UtcNow, out var link, out var error), error.ToString());
        using (link)
        {
            return await PairingDevice.PairAsync(
                link,
                Identity,
                Events,
                (host, _) =>
                {
                    Stored.Enqueue(host);
                    return Task.CompletedTask;
                },
                new PairingDeviceOptions { LoggerFactory = logs }).WaitAsync(PairingScenario.Timeout);
        }
    }

    public void Dispose()
    {
        Static.Dispose();
        Access.Dispose();
    }
}
