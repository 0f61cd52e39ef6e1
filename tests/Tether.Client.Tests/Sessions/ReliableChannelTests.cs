using Tether.Client.Tests.Support;

namespace Tether.Client.Tests.Sessions;

/// <summary>The resumable session over a real relay on loopback.</summary>
public sealed class ReliableChannelTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Messages_BothWays_ArriveOnceAndInOrder()
    {
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        await using var pair = SessionPair.Start(channel, relay.Url);

        for (var n = 1; n <= 50; n++)
        {
            await pair.Device.SendAsync(SessionPair.Message("device", n));
            await pair.Host.SendAsync(SessionPair.Message("host", n));
        }

        Assert.Equal(Enumerable.Range(1, 50), await ReadNumbersAsync(pair.Host, 50));
        Assert.Equal(Enumerable.Range(1, 50), await ReadNumbersAsync(pair.Device, 50));
        Assert.Equal(1, pair.Host.Counters.Sessions);
        Assert.Equal(1, pair.Device.Counters.Sessions);
    }

    [Fact]
    public async Task RelayRestart_MidStream_ResumesWithNoLossAndNoDuplicates()
    {
        const int Count = 400;
        await using var relay = await TestRelay.StartAsync();
        using var channel = new TestChannel();
        await using var pair = SessionPair.Start(channel, relay.Url);
        await pair.WaitEstablishedAsync(Deadline);
        // A message of several chunks (§4.2) whose resend must start again from chunk 0.
        var large = new byte[200_000];
        Random.Shared.NextBytes(large);

        var hostReads = ReadNumbersAsync(pair.Host, Count + 1, large.Length);
        var deviceReads = ReadNumbersAsync(pair.Device, Count);
        var deviceSends = SendPacedAsync(pair.Device, "device", Count, large, atIndex: Count / 2);
        var hostSends = SendPacedAsync(pair.Host, "host", Count, null, 0);
        await Task.Delay(300);
        await relay.RestartAsync(down: TimeSpan.FromMilliseconds(300));
        await Task.WhenAll(deviceSends, hostSends).WaitAsync(Deadline);

        var fromDevice = await hostReads.WaitAsync(Deadline);
        var fromHost = await deviceReads.WaitAsync(Deadline);
        Assert.Equal(Enumerable.Range(1, Count), fromHost);
        Assert.Equal([.. Enumerable.Range(1, Count / 2), -1, .. Enumerable.Range(Count / 2 + 1, Count / 2)], fromDevice);
        Assert.True(pair.Host.Counters.Sessions >= 2, "a new Noise session after the restart");
        Assert.True(pair.Device.Counters.Sessions >= 2, "a new Noise session after the restart");
        Assert.Equal(Count + 1, pair.Host.Counters.Delivered);
        Assert.Equal(Count, pair.Device.Counters.Delivered);
    }

    private static async Task SendPacedAsync(Tether.Client.Sessions.ReliableChannel channel, string from, int count, byte[]? large, int atIndex)
    {
        for (var n = 1; n <= count; n++)
        {
            await channel.SendAsync(SessionPair.Message(from, n));
            if (large is not null && n == atIndex)
            {
                await channel.SendAsync(large);
            }

            await Task.Delay(2);
        }
    }

    /// <summary>Reads <paramref name="count"/> messages; a message of <paramref name="largeLength"/> bytes reads as -1.</summary>
    private static async Task<List<int>> ReadNumbersAsync(Tether.Client.Sessions.ReliableChannel channel, int count, int largeLength = -1)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        var numbers = new List<int>();
        while (numbers.Count < count)
        {
            var message = await channel.Messages.ReadAsync(cancel.Token);
            numbers.Add(message.Length == largeLength ? -1 : SessionPair.Number(message));
        }

        return numbers;
    }
}
