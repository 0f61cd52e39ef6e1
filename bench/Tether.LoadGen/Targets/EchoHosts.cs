using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Tether.Protocol.Relay;

namespace Tether.LoadGen.Targets;

/// <summary>
/// The relay links' hosts, run by a child process (<see cref="EchoHostCommand"/>) rather than by the
/// load generator itself. Why: behind nginx the far end is the echo server, a process of its own,
/// and the load generator only sends and receives each frame once. Playing the host in-process made
/// it also receive and resend every frame of a relay link (four WebSocket operations per round trip
/// against two), so on two cores the generator's own extra work, not the relay, set a large part of
/// the relay's figures. With the host in its own process, the generator does the same work for every
/// target, and the far end's work is, as for nginx, a separate process on the same cores.
/// </summary>
internal sealed class EchoHosts : IAsyncDisposable
{
    private readonly Process _child;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _pending = new();
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly Task _reading;
    private int _lastId;

    private EchoHosts(Process child)
    {
        _child = child;
        _reading = Task.Run(ReadAnswersAsync);
    }

    public static EchoHosts Start(Uri baseUrl)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(EchoHosts).Assembly.Location);
        start.ArgumentList.Add("echo-host");
        start.ArgumentList.Add(baseUrl.ToString());

        // Like the echo server, the far end runs with the thread pool's default completions, whatever
        // the latency run sets for the generator itself.
        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        return new EchoHosts(Process.Start(start) ?? throw new InvalidOperationException("could not start the echo host"));
    }

    /// <summary>Connects a host for <paramref name="channelKey"/>'s channel; returns its id once it is welcomed.</summary>
    public async Task<int> OpenAsync(ChannelKey channelKey, int frameBytes, CancellationToken cancel)
    {
        var id = Interlocked.Increment(ref _lastId);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answered;
        await SendAsync($"open {id} {frameBytes} {Convert.ToBase64String(channelKey.ExportPkcs8())}", cancel);
        await answered.Task.WaitAsync(cancel);
        return id;
    }

    public Task CloseAsync(int id) => SendAsync($"close {id}", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _child.StandardInput.Close();
        if (!_child.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _child.Kill();
        }

        await _reading;
        _child.Dispose();
        _write.Dispose();
    }

    private async Task SendAsync(string line, CancellationToken cancel)
    {
        await _write.WaitAsync(cancel);
        try
        {
            await _child.StandardInput.WriteLineAsync(line);
            await _child.StandardInput.FlushAsync(cancel);
        }
        finally
        {
            _write.Release();
        }
    }

    private async Task ReadAnswersAsync()
    {
        while (await _child.StandardOutput.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', 3);
            if (words.Length >= 2 && int.TryParse(words[0], CultureInfo.InvariantCulture, out var id) && _pending.TryRemove(id, out var answered))
            {
                if (words[1] == "ok")
                {
                    answered.TrySetResult();
                }
                else
                {
                    answered.TrySetException(new InvalidDataException($"echo host: {(words.Length > 2 ? words[2] : line)}"));
                }
            }
        }

        foreach (var answered in _pending.Values)
        {
            answered.TrySetException(new InvalidDataException("the echo host exited"));
        }
    }
}
