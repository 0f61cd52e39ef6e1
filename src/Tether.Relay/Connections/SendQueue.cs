using System.Threading.Tasks.Sources;

namespace Tether.Relay.Connections;

/// <summary>
/// A connection's bounded send queue: many writers (its peers' receive loops, the relay's own
/// frames), one reader (its send loop). Up to <c>capacity</c> frames wait in order; a writer that
/// finds it full waits, in order, for room; once completed it takes nothing more, and whoever still
/// waits hears false.
/// </summary>
/// <remarks>
/// Instead of <c>Channel.CreateBounded</c>, which does the same under its own lock but holds about
/// 950 bytes per connection (the item deque, the blocked reader and writer deques and their cached
/// operations, a completion task), even while idle. Here an idle connection holds this object, its
/// lock and a ring of 4 slots that grows only while frames pile up. The lock guards a few field
/// updates and never an await or a call out (continuations run on the thread pool), so the one
/// writer and the one reader of a busy link almost never meet in it. The send loop's wait reuses one
/// value-task source: waiting allocates nothing. Only a writer held back by a full queue allocates
/// (its waiter), and that is the slow path by definition.
/// </remarks>
internal sealed class SendQueue : IValueTaskSource<bool>
{
    private const int FirstRing = 4;

    private readonly int _capacity;
    private readonly Lock _lock = new();
    private OutboundFrame[] _ring = [];
    private int _head;
    private int _count;
    private Queue<Waiter>? _waiters;
    private bool _completed;
    private bool _readerWaiting;

    // The send loop's wait; continuations go to the thread pool, so a writer never runs the send loop
    // (nor its socket write) on its own thread, and never while it holds a lock of its own.
    private ManualResetValueTaskSourceCore<bool> _readable = new() { RunContinuationsAsynchronously = true };

    public SendQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Frames queued now (not counting writers that wait for room). Read without the lock: a snapshot.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Queues <paramref name="frame"/>: true at once if there was room, later if it had to wait for
    /// room, false if the queue is (or becomes) completed first; then the caller still owns the frame.
    /// </summary>
    public ValueTask<bool> EnqueueAsync(OutboundFrame frame)
    {
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return ValueTask.FromResult(false);
            }

            if (_count == _capacity || _waiters is { Count: > 0 })
            {
                var waiter = new Waiter(frame);
                (_waiters ??= new Queue<Waiter>()).Enqueue(waiter);
                return new ValueTask<bool>(waiter.Task);
            }

            Push(frame);
            wake = _readerWaiting;
            _readerWaiting = false;
        }

        if (wake)
        {
            _readable.SetResult(true);
        }

        return ValueTask.FromResult(true);
    }

    /// <summary>
    /// Queues a frame whose sender does not wait (the relay's own): it lines up behind a full queue
    /// like any writer, and is dropped only if the queue is completed.
    /// </summary>
    public void Post(OutboundFrame frame) =>
        // Completed at once, or the waiter's own task: AsTask allocates nothing either way.
        _ = EnqueueAsync(frame).AsTask();

    /// <summary>The reader's: takes the oldest frame, and lets the first waiting writer in behind the rest.</summary>
    public bool TryRead(out OutboundFrame frame)
    {
        Waiter? admitted = null;
        lock (_lock)
        {
            if (_count == 0)
            {
                frame = default;
                return false;
            }

            frame = _ring[_head];
            _ring[_head] = default;
            _head = (_head + 1) % _ring.Length;
            Volatile.Write(ref _count, _count - 1);
            if (!_completed && _waiters is { Count: > 0 } waiters)
            {
                admitted = waiters.Dequeue();
                Push(admitted.Frame);
            }
        }

        admitted?.TrySetResult(true);
        return true;
    }

    /// <summary>The reader's: true once a frame is queued, false once the queue is completed and empty.</summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                return ValueTask.FromResult(true);
            }

            if (_completed)
            {
                return ValueTask.FromResult(false);
            }

            _readable.Reset();
            _readerWaiting = true;
            return new ValueTask<bool>(this, _readable.Version);
        }
    }

    /// <summary>Takes nothing more: waiting writers hear false, a waiting reader false. What is queued stays readable.</summary>
    public bool TryComplete()
    {
        Queue<Waiter>? refused;
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            refused = _waiters;
            _waiters = null;
            wake = _readerWaiting;
            _readerWaiting = false;
        }

        while (refused is { Count: > 0 })
        {
            refused.Dequeue().TrySetResult(false);
        }

        if (wake)
        {
            _readable.SetResult(false);
        }

        return true;
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _readable.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _readable.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _readable.OnCompleted(continuation, state, token, flags);

    /// <summary>Appends under the lock; grows the ring (4, 8, … up to the capacity) only when it is full.</summary>
    private void Push(OutboundFrame frame)
    {
        if (_count == _ring.Length)
        {
            var grown = new OutboundFrame[Math.Min(_capacity, Math.Max(FirstRing, _ring.Length * 2))];
            for (var i = 0; i < _count; i++)
            {
                grown[i] = _ring[(_head + i) % _ring.Length];
            }

            _ring = grown;
            _head = 0;
        }

        _ring[(_head + _count) % _ring.Length] = frame;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>A writer waiting for room, with its frame.</summary>
    private sealed class Waiter(OutboundFrame frame) : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public OutboundFrame Frame { get; } = frame;
    }
}
