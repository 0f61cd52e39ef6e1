namespace Tether.Client.Threading;

/// <summary>
/// A wake-up that can be awaited: <see cref="Signal"/> completes the current <see cref="Task"/> and
/// arms a new one. Take <see cref="Task"/> before checking what it guards, so that a signal between
/// the check and the await is not lost.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Signal"/>.</summary>
    public Task Task => Volatile.Read(ref _next).Task;

    /// <summary>Wakes everyone awaiting the current <see cref="Task"/>.</summary>
    public void Signal() =>
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
