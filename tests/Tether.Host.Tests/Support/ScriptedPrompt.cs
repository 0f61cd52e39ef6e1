using System.Collections.Concurrent;
using Tether.Host.Pairing;

namespace Tether.Host.Tests.Support;

/// <summary>A workstation user: answers each code question from a script (a function of the attempt), and the name question.</summary>
internal sealed class ScriptedPrompt(Func<int, CancellationToken, Task<string>> code, string name = "") : IPairingPrompt
{
    public ConcurrentQueue<int> AttemptsAsked { get; } = new();

    public ConcurrentQueue<string> StatusLines { get; } = new();

    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource CodeAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> AskCodeAsync(int attemptsLeft, CancellationToken cancellationToken)
    {
        AttemptsAsked.Enqueue(attemptsLeft);
        CodeAsked.TrySetResult();
        return code(attemptsLeft, cancellationToken);
    }

    public Task<string> AskNameAsync(string suggested, CancellationToken cancellationToken) => Task.FromResult(name);

    public void LinkReady() => Ready.TrySetResult();

    public void Status(string message) => StatusLines.Enqueue(message);
}
