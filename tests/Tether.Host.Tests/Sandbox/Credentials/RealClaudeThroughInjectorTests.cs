using System.Diagnostics;
using Tether.FakeAnthropic;
using Tether.Host.Sandbox.Credentials;
using Tether.Host.Tests.Sandbox.Egress;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Sandbox.Credentials;

/// <summary>
/// The real claude (tools/claude-code) with only the sandbox's environment: the placeholder key and a base URL
/// that socat relays to the injector, which forwards to the scripted fake API with the real key.
/// </summary>
public sealed class RealClaudeThroughInjectorTests
{
    [Fact]
    public async Task Claude_with_the_placeholder_gets_its_answer_through_the_injector()
    {
        const string realKey = "sk-ant-real-e2e-71c0d9";
        var keyVariable = "TETHER_TEST_KEY_" + Guid.NewGuid().ToString("n");
        Environment.SetEnvironmentVariable(keyVariable, realKey);
        var directory = Directory.CreateTempSubdirectory("tether-cc-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var logs = new CapturingLogger();
        try
        {
            await using var fake = await FakeAnthropicServer.StartAsync();
            fake.Enqueue(Reply.Text("hello through the injector"));
            var placeholder = SessionPlaceholder.Create();
            await using var injector = await CredentialInjector.StartAsync(
                new CredentialInjectorOptions { SocketPath = Path.Combine(directory, "inject.sock"), Placeholder = placeholder, KeyVariable = keyVariable, Upstream = fake.Url },
                logs);
            using var relay = SocatRelay.Start(injector.SocketPath);
            using var environment = ClaudeEnvironment.Create(new Uri($"http://127.0.0.1:{relay.Port}"));
            environment.Set("ANTHROPIC_API_KEY", placeholder.Value);

            var start = new ProcessStartInfo(ClaudeBinary.Locate()) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = directory };
            foreach (var argument in new[] { "-p", "say hello", "--output-format", "text", "--setting-sources=user", "--strict-mcp-config" })
            {
                start.ArgumentList.Add(argument);
            }

            environment.ApplyTo(start);
            using var claude = Process.Start(start)!;
            claude.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var output = claude.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = claude.StandardError.ReadToEndAsync(timeout.Token);
            await claude.WaitForExitAsync(timeout.Token);

            Assert.True(claude.ExitCode == 0, $"claude exited {claude.ExitCode}: {await errors}");
            Assert.Contains("hello through the injector", await output, StringComparison.Ordinal);
            Assert.Contains(fake.Requests, r => r.Kind == RequestKind.Scripted);
            Assert.DoesNotContain(logs.Lines, l => l.Contains("refused", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(realKey, StringComparison.Ordinal) || l.Contains(placeholder.Value, StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
            Directory.Delete(directory, recursive: true);
        }
    }
}
