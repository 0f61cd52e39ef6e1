#if DEBUG
namespace Tether.Relay.Connections;

/// <summary>
/// Debug builds only: a returned buffer is filled with <see cref="Pattern"/> and kept aside, and
/// handed out again (last in, first out, like <c>ArrayPool&lt;byte&gt;.Shared</c>'s per-thread cache)
/// only after checking that nobody wrote to it meanwhile. A buffer returned twice, or written after
/// its return, throws: a use-after-return shows up as a failing test instead of a frame corrupted
/// on another connection.
/// </summary>
internal static class Poisoning
{
    public const byte Pattern = 0xDB;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, Stack<byte[]>> Free = [];
    private static readonly HashSet<byte[]> Returned = new(ReferenceEqualityComparer.Instance);

    /// <summary>Uses of a buffer after its return seen so far (a test may assert it stays 0).</summary>
    public static int Violations;

    /// <summary>Off by default; the relay tests switch it on for the whole run.</summary>
    public static bool Enabled { get; set; }

    public static bool Return(byte[] buffer)
    {
        if (!Enabled)
        {
            return false;
        }

        lock (Gate)
        {
            if (!Returned.Add(buffer))
            {
                Interlocked.Increment(ref Violations);
                throw new InvalidOperationException($"A {buffer.Length}-byte frame buffer was returned twice.");
            }

            buffer.AsSpan().Fill(Pattern);
            if (!Free.TryGetValue(buffer.Length, out var stack))
            {
                Free[buffer.Length] = stack = new Stack<byte[]>();
            }

            stack.Push(buffer);
        }

        return true;
    }

    public static bool TryRent(int length, out byte[] buffer)
    {
        buffer = null!;
        if (!Enabled)
        {
            return false;
        }

        lock (Gate)
        {
            if (!Free.TryGetValue(length, out var stack) || !stack.TryPop(out var free))
            {
                buffer = new byte[length];
                return true;
            }

            Returned.Remove(free);
            var written = free.AsSpan().IndexOfAnyExcept(Pattern);
            if (written >= 0)
            {
                Interlocked.Increment(ref Violations);
                throw new InvalidOperationException($"A {length}-byte frame buffer was written at offset {written} after its return.");
            }

            buffer = free;
            return true;
        }
    }
}
#endif
