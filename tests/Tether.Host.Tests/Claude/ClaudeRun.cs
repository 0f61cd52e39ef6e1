using System.Diagnostics;
using Tether.FakeAnthropic;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Claude;

/// <summary>
/// One real-claude scenario: a fake API with a script, an isolated environment, a fresh git repository as
/// the working directory, and the CLI running in it. Disposing tears all of it down, the CLI first.
/// </summary>
internal sealed class ClaudeRun : IAsyncDisposable
{
    private readonly TestDirectory _directory;
    private readonly ClaudeEnvironment _environment;

    private ClaudeRun(FakeAnthropicServer fake, TestDirectory directory, ClaudeEnvironment environment, string repository, ClaudeProcess claude)
    {
        Fake = fake;
        _directory = directory;
        _environment = environment;
        Repository = repository;
        Claude = claude;
    }

    public FakeAnthropicServer Fake { get; }

    public string Repository { get; }

    public ClaudeProcess Claude { get; }

    public static Task<ClaudeRun> StartAsync(params Reply[] script) => StartAsync(configure: null, script);

    /// <summary>Like <see cref="StartAsync(Reply[])"/>, with a chance to add variables to the CLI's environment.</summary>
    public static async Task<ClaudeRun> StartAsync(Action<ClaudeEnvironment>? configure, params Reply[] script)
    {
        // First, so that a missing CLI fails with the setup hint before anything needs cleaning up.
        _ = ClaudeBinary.Locate();
        var fake = await FakeAnthropicServer.StartAsync();
        fake.Enqueue(script);
        var directory = new TestDirectory();
        var environment = ClaudeEnvironment.Create(fake.Url);
        configure?.Invoke(environment);
        var repository = GitInit(directory.Directory("repo"));
        return new ClaudeRun(fake, directory, environment, repository, ClaudeProcess.Start(environment, repository));
    }

    /// <summary>Every reply was used, no turn found the script empty, and nothing unknown was asked of the API.</summary>
    public void AssertScriptFollowed()
    {
        var odd = Fake.Requests.Where(r => r.Kind is RequestKind.Exhausted or RequestKind.Unknown).ToList();
        Assert.True(odd.Count == 0, "Unexpected API requests: " + string.Join("; ", odd) + "\n" + Claude.Transcript);
        Assert.Equal(0, Fake.RemainingReplies);
    }

    public async ValueTask DisposeAsync()
    {
        await Claude.DisposeAsync();
        await Fake.DisposeAsync();
        _environment.Dispose();
        _directory.Dispose();
    }

    private static string GitInit(string path)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["init", "-q", path]) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("git did not start.");
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, "git init failed: " + error);
        return path;
    }
}
