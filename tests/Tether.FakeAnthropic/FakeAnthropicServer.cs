using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Tether.FakeAnthropic;

/// <summary>
/// A scripted Anthropic Messages API on a loopback port, for the real <c>claude</c> to reach through
/// <c>ANTHROPIC_BASE_URL</c> (see <see cref="ClaudeEnvironment"/>). Conversation turns take the next
/// <see cref="Reply"/> from the script; the CLI's side requests get a short text and leave the script alone;
/// every request is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    /// <summary>The text answered to a conversation turn when the script is empty.</summary>
    public const string ExhaustedText = "(script exhausted)";

    /// <summary>The text answered to every side request.</summary>
    public const string SideText = "OK";

    private readonly Lock _gate = new();
    private readonly Queue<Reply> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<RecordedRequest, bool> Match, TaskCompletionSource<RecordedRequest> Done)> _waiters = [];
    private WebApplication? _app;
    private int _messageCount;

    private FakeAnthropicServer()
    {
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>, for <c>ANTHROPIC_BASE_URL</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Everything received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The conversation turns received so far: <see cref="RequestKind.Scripted"/> and <see cref="RequestKind.Exhausted"/>.</summary>
    public IReadOnlyList<RecordedRequest> Turns => [.. Requests.Where(r => r.Kind is RequestKind.Scripted or RequestKind.Exhausted)];

    /// <summary>Replies not yet given.</summary>
    public int RemainingReplies
    {
        get
        {
            lock (_gate)
            {
                return _script.Count;
            }
        }
    }

    public static async Task<FakeAnthropicServer> StartAsync(CancellationToken cancel = default)
    {
        var server = new FakeAnthropicServer();
        var app = FakeAnthropicApplication.Build(server);
        await app.StartAsync(cancel).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server._app = app;
        server.Url = new Uri(address);
        return server;
    }

    /// <summary>Appends replies to the script; conversation turns take them in order.</summary>
    public void Enqueue(params Reply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        lock (_gate)
        {
            foreach (var reply in replies)
            {
                _script.Enqueue(reply ?? throw new ArgumentException("A reply is null.", nameof(replies)));
            }
        }
    }

    /// <summary>
    /// The first request, already received or still to come, that <paramref name="match"/> accepts.
    /// </summary>
    /// <exception cref="TimeoutException">None came within <paramref name="timeout"/>.</exception>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        var done = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_requests.FirstOrDefault(match) is { } seen)
            {
                return seen;
            }

            _waiters.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }

            throw new TimeoutException($"No matching request within {timeout}. Received: {string.Join("; ", Requests)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Decides how to answer a <c>/v1/messages</c> request and records it, atomically.</summary>
    internal (RecordedRequest Request, Reply Reply, string MessageId) Answer(string method, string path, JsonElement body)
    {
        lock (_gate)
        {
            var messageId = $"msg_fake_{++_messageCount:D4}";
            if (SideRequests.IsSide(body))
            {
                return (Record(method, path, RequestKind.Side, body, reply: null), Reply.Text(SideText), messageId);
            }

            if (_script.TryDequeue(out var reply))
            {
                return (Record(method, path, RequestKind.Scripted, body, reply), reply, messageId);
            }

            return (Record(method, path, RequestKind.Exhausted, body, reply: null), Reply.Text(ExhaustedText), messageId);
        }
    }

    /// <summary>Records a request that is not a conversation turn or side request (see <see cref="RequestKind"/>).</summary>
    internal RecordedRequest Record(string method, string path, RequestKind kind, JsonElement body)
    {
        lock (_gate)
        {
            return Record(method, path, kind, body, reply: null);
        }
    }

    private RecordedRequest Record(string method, string path, RequestKind kind, JsonElement body, Reply? reply)
    {
        var request = new RecordedRequest
        {
            Sequence = _requests.Count + 1,
            Method = method,
            Path = path,
            Kind = kind,
            Body = body,
            Reply = reply,
        };
        _requests.Add(request);
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_waiters[i].Match(request))
            {
                _waiters[i].Done.TrySetResult(request);
                _waiters.RemoveAt(i);
            }
        }

        return request;
    }
}
