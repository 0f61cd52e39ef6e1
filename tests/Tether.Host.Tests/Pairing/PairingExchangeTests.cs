using System.Text;
using Tether.Client.Pairing;
using Tether.Client.Tests.Support;
using Tether.Host.Pairing;
using Tether.Host.Tests.Support;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;

namespace Tether.Host.Tests.Pairing;

/// <summary>Pairing end to end through a real relay on loopback (docs/protocol.md §8, invariants 3, 5 and 8).</summary>
public sealed class PairingExchangeTests
{
    [Fact]
    public async Task The_right_code_pairs_and_both_sides_store_consistent_records()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var link = host.CreateLink();
        var linkText = link.ToLinkString();
        using var device = new TestDevice("Anna's phone");
        var prompt = new ScriptedPrompt((_, ct) => device.Events.Code.Task.WaitAsync(ct));

        var run = await scenario.RunAsync(host, prompt);
        var paired = await device.PairAsync(linkText);
        var result = await run.WaitAsync(PairingScenario.Timeout);

        var stored = Assert.IsType<PairingResult.Paired>(result).Device;
        Assert.Equal(stored, Assert.Single(scenario.HostStored));
        Assert.Equal("Anna's phone", stored.Name);
        Assert.Equal(device.Static.PublicKey, stored.StaticKey);
        Assert.True(stored.AccessPublicKey.Span.SequenceEqual(device.Access.PublicKey));

        Assert.Equal(paired, Assert.Single(device.Stored));
        Assert.Equal(scenario.HostStatic.PublicKey, paired.HostStaticKey);
        Assert.Equal(scenario.Project.ChannelId, paired.Channel);
        Assert.Equal(scenario.Relay.Url, paired.RelayUrl);
        Assert.Equal("workstation", paired.HostName);
        Assert.True(DeviceCertificate.TryParse(paired.Certificate.ToArray(), out var certificate));
        Assert.Equal(scenario.Project.ChannelId, certificate!.ChannelId);
        Assert.True(certificate.AccessPublicKey.SequenceEqual(device.Access.PublicKey));
        Assert.True(certificate.ChannelPublicKey.SequenceEqual(scenario.Project.PublicKey));
        Assert.InRange(
            DateTimeOffset.FromUnixTimeSeconds((long)certificate.NotAfter),
            DateTimeOffset.UtcNow.AddDays(89),
            DateTimeOffset.UtcNow.AddDays(90));

        Assert.Equal([3], prompt.AttemptsAsked);
        Assert.Empty(device.Events.WrongCodes);
        Assert.True(link.Psk.IsDisposed);
    }

    [Fact]
    public async Task The_name_typed_on_the_workstation_replaces_the_suggested_one()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var linkText = host.CreateLink().ToLinkString();
        using var device = new TestDevice("Pixel");
        var prompt = new ScriptedPrompt((_, ct) => device.Events.Code.Task.WaitAsync(ct), name: "  work phone ");

        var run = await scenario.RunAsync(host, prompt);
        await device.PairAsync(linkText);

        Assert.Equal("work phone", Assert.IsType<PairingResult.Paired>(await run.WaitAsync(PairingScenario.Timeout)).Device.Name);
    }

    [Fact]
    public async Task A_wrong_code_then_the_right_one_pairs_and_the_device_is_told_the_attempts_left()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var linkText = host.CreateLink().ToLinkString();
        using var device = new TestDevice("phone");
        var prompt = new ScriptedPrompt(async (attemptsLeft, ct) =>
        {
            var shown = await device.Events.Code.Task.WaitAsync(ct);
            return attemptsLeft == 3 ? Codes.Not(shown) : shown;
        });

        var run = await scenario.RunAsync(host, prompt);
        await device.PairAsync(linkText);

        Assert.IsType<PairingResult.Paired>(await run.WaitAsync(PairingScenario.Timeout));
        Assert.Equal([2], device.Events.WrongCodes);
        Assert.Equal([3, 2], prompt.AttemptsAsked);
    }

    [Fact]
    public async Task Input_that_is_not_eight_digits_costs_no_attempt()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var linkText = host.CreateLink().ToLinkString();
        using var device = new TestDevice("phone");
        var asked = 0;
        var prompt = new ScriptedPrompt(async (_, ct) =>
        {
            var shown = await device.Events.Code.Task.WaitAsync(ct);
            return Interlocked.Increment(ref asked) == 1 ? "1234" : shown;
        });

        var run = await scenario.RunAsync(host, prompt);
        await device.PairAsync(linkText);

        Assert.IsType<PairingResult.Paired>(await run.WaitAsync(PairingScenario.Timeout));
        Assert.Equal([3, 3], prompt.AttemptsAsked);
        Assert.Empty(device.Events.WrongCodes);
    }

    [Fact]
    public async Task Three_wrong_codes_burn_the_link_and_nothing_is_stored_on_either_side()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var link = host.CreateLink();
        var linkText = link.ToLinkString();
        using var device = new TestDevice("phone");
        var prompt = new ScriptedPrompt(async (attemptsLeft, ct) => Codes.Not(await device.Events.Code.Task.WaitAsync(ct), attemptsLeft));

        var run = await scenario.RunAsync(host, prompt);
        var rejected = await Assert.ThrowsAsync<PairingRejectedException>(() => device.PairAsync(linkText));
        var result = await run.WaitAsync(PairingScenario.Timeout);

        Assert.Equal("wrong-code", rejected.Reason);
        Assert.IsType<PairingResult.Burnt>(result);
        Assert.Equal([2, 1], device.Events.WrongCodes);
        Assert.Empty(device.Stored);
        Assert.Empty(scenario.HostStored);
        Assert.True(link.Psk.IsDisposed);

        using var again = new TestDevice("phone");
        await Assert.ThrowsAsync<PairingConnectionException>(() => again.PairAsync(linkText));
        Assert.Empty(again.Stored);
    }

    [Fact]
    public async Task An_expired_link_is_refused_by_the_device_before_it_connects()
    {
        var madeAt = DateTimeOffset.UtcNow;
        using var hostStatic = Tether.Protocol.Noise.NoiseKeyPair.Generate();
        // Port 1 on loopback: were the device to connect, it would fail differently (and slowly).
        using var link = PairingLink.Generate("http://127.0.0.1:1", new byte[16], hostStatic.PublicKey.Span, madeAt);
        using var device = new TestDevice("phone");
        var later = new ManualTimeProvider(madeAt + PairingLink.Lifetime + TimeSpan.FromSeconds(1));
        var stored = false;

        var refusal = PairingDevice.PairAsync(link, device.Identity, device.Events, (_, _) => Task.FromResult(stored = true), later);

        await Assert.ThrowsAsync<PairingLinkExpiredException>(() => refusal.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(stored);
        Assert.False(device.Events.Code.Task.IsCompleted);
    }

    [Fact]
    public async Task A_link_that_expires_while_the_user_is_typing_tells_the_device_and_stores_nothing()
    {
        await using var scenario = await PairingScenario.StartAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var host = scenario.NewHost(clock);
        var link = host.CreateLink();
        var linkText = link.ToLinkString();
        using var device = new TestDevice("phone");
        var prompt = new ScriptedPrompt((_, ct) => Codes.Never(ct));

        var run = await scenario.RunAsync(host, prompt);
        var pairing = device.PairAsync(linkText);
        await prompt.CodeAsked.Task.WaitAsync(PairingScenario.Timeout);
        clock.Advance(PairingLink.Lifetime + TimeSpan.FromSeconds(1));

        var rejected = await Assert.ThrowsAsync<PairingRejectedException>(() => pairing);
        Assert.Equal("expired", rejected.Reason);
        Assert.IsType<PairingResult.Expired>(await run.WaitAsync(PairingScenario.Timeout));
        Assert.Empty(device.Stored);
        Assert.Empty(scenario.HostStored);
        Assert.True(link.Psk.IsDisposed);
    }

    [Fact]
    public async Task A_link_nobody_opens_expires_on_the_hosts_clock()
    {
        await using var scenario = await PairingScenario.StartAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var host = scenario.NewHost(clock);
        var link = host.CreateLink();
        var prompt = new ScriptedPrompt((_, ct) => Codes.Never(ct));

        var run = await scenario.RunAsync(host, prompt);
        await WaitUntilAsync(() => clock.PendingTimers > 0);
        clock.Advance(PairingLink.Lifetime + TimeSpan.FromSeconds(1));

        Assert.IsType<PairingResult.Expired>(await run.WaitAsync(PairingScenario.Timeout));
        Assert.Empty(prompt.AttemptsAsked);
        Assert.True(link.Psk.IsDisposed);
    }

    [Fact]
    public async Task Cancelling_on_the_workstation_tells_the_device_and_stores_nothing()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var linkText = host.CreateLink().ToLinkString();
        using var device = new TestDevice("phone");
        using var cancel = new CancellationTokenSource();
        var prompt = new ScriptedPrompt((_, ct) => Codes.Never(ct));

        var run = await scenario.RunAsync(host, prompt, cancel.Token);
        var pairing = device.PairAsync(linkText);
        await prompt.CodeAsked.Task.WaitAsync(PairingScenario.Timeout);
        await cancel.CancelAsync();

        var rejected = await Assert.ThrowsAsync<PairingRejectedException>(() => pairing);
        Assert.Equal("cancelled", rejected.Reason);
        Assert.IsType<PairingResult.Cancelled>(await run.WaitAsync(PairingScenario.Timeout));
        Assert.Empty(device.Stored);
        Assert.Empty(scenario.HostStored);
    }

    [Fact]
    public async Task A_second_device_with_the_same_link_is_refused_by_the_relay_because_the_slot_is_spent()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var linkText = host.CreateLink().ToLinkString();
        using var first = new TestDevice("first");
        using var second = new TestDevice("second");
        var secondRefused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var prompt = new ScriptedPrompt(async (_, ct) =>
        {
            // The user types only once the second device has been turned away.
            await secondRefused.Task.WaitAsync(ct);
            return await first.Events.Code.Task.WaitAsync(ct);
        });

        var run = await scenario.RunAsync(host, prompt);
        var pairing = first.PairAsync(linkText);
        await first.Events.Code.Task.WaitAsync(PairingScenario.Timeout);
        await Assert.ThrowsAsync<PairingConnectionException>(() => second.PairAsync(linkText));
        secondRefused.SetResult();
        await pairing;

        var stored = Assert.IsType<PairingResult.Paired>(await run.WaitAsync(PairingScenario.Timeout)).Device;
        Assert.Equal(first.Static.PublicKey, stored.StaticKey);
        Assert.Empty(second.Stored);
        Assert.False(second.Events.Code.Task.IsCompleted);
    }

    [Fact]
    public async Task An_attacker_who_opens_the_link_first_gets_no_certificate_and_the_link_burns()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var linkText = host.CreateLink().ToLinkString();
        using var attacker = new TestDevice("Anna's phone");
        using var user = new TestDevice("Anna's phone");
        var userLockedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The user's own phone shows no code (it never got in); the user types what they guess or
        // misread. None of it is the attacker's code, which only the attacker's screen shows.
        var prompt = new ScriptedPrompt(async (attemptsLeft, ct) =>
        {
            await userLockedOut.Task.WaitAsync(ct);
            return Codes.Not(await attacker.Events.Code.Task.WaitAsync(ct), attemptsLeft);
        });

        var run = await scenario.RunAsync(host, prompt);
        var attack = attacker.PairAsync(linkText);
        await attacker.Events.Code.Task.WaitAsync(PairingScenario.Timeout);
        await Assert.ThrowsAsync<PairingConnectionException>(() => user.PairAsync(linkText));
        userLockedOut.SetResult();

        var rejected = await Assert.ThrowsAsync<PairingRejectedException>(() => attack);
        Assert.Equal("wrong-code", rejected.Reason);
        Assert.IsType<PairingResult.Burnt>(await run.WaitAsync(PairingScenario.Timeout));
        Assert.Empty(attacker.Stored);
        Assert.Empty(user.Stored);
        Assert.Empty(scenario.HostStored);
        Assert.Equal([2, 1], attacker.Events.WrongCodes);
    }

    [Fact]
    public async Task The_link_the_psk_and_the_code_never_reach_a_log()
    {
        await using var scenario = await PairingScenario.StartAsync();
        using var host = scenario.NewHost();
        var link = host.CreateLink();
        var linkText = link.ToLinkString();
        var payload = link.ToPayloadString();
        var psk = link.Psk.AsSpan().ToArray();
        using var device = new TestDevice("phone");
        var prompt = new ScriptedPrompt(async (attemptsLeft, ct) =>
        {
            var shown = await device.Events.Code.Task.WaitAsync(ct);
            return attemptsLeft == 3 ? Codes.Not(shown) : shown;
        });

        var run = await scenario.RunAsync(host, prompt);
        await device.PairAsync(linkText, scenario.Logs);
        Assert.IsType<PairingResult.Paired>(await run.WaitAsync(PairingScenario.Timeout));
        var code = await device.Events.Code.Task;

        var log = string.Join("\n", scenario.Logs.Lines);
        Assert.Contains("paired device", log, StringComparison.Ordinal);
        string[] secrets =
        [
            linkText, payload, payload[..20], Convert.ToHexString(psk), Convert.ToHexStringLower(psk), Convert.ToBase64String(psk),
            System.Buffers.Text.Base64Url.EncodeToString(psk), code, $"{code[..4]} {code[4..]}", Codes.Not(code),
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(Encoding.ASCII.GetString(psk), log, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + PairingScenario.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition never held.");
            await Task.Delay(20);
        }
    }
}
