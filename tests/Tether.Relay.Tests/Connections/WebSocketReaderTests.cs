using Tether.Protocol.Relay;
using Tether.Relay.Connections;
using static Tether.Relay.Connections.WebSocketFrames;
using static Tether.Relay.Tests.Support.RawWebSocket;

namespace Tether.Relay.Tests.Connections;

/// <summary>The reader on its own, over a stream that hands bytes over in random pieces: the messages come out the same however the bytes arrive.</summary>
public sealed class WebSocketReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(70_000)]
    public async Task MessagesComeOutWhole_HoweverTheBytesArePieced(int largestPiece)
    {
        var random = new Random(largestPiece);
        int[] sizes = [1, 300, 4096, 16_370, 16_400, 40_000, RelayFrames.MaxFrame, 2];
        var messages = sizes.Select(size => { var m = new byte[size]; random.NextBytes(m); return m; }).ToArray();
        var bytes = new List<byte>();
        foreach (var message in messages)
        {
            // Every other message in three fragments, with a ping between the first two.
            if (message.Length > 10 && bytes.Count % 2 == 0)
            {
                bytes.AddRange(Frame(Binary, message.AsSpan(0, 3)));
                bytes.AddRange(Frame(0x80 | Ping, "p"u8));
                bytes.AddRange(Frame(Continuation, message.AsSpan(3, 5)));
                bytes.AddRange(Frame(0x80 | Continuation, message.AsSpan(8)));
            }
            else
            {
                bytes.AddRange(Frame(0x80 | Binary, message));
            }
        }

        var reader = new WebSocketReader(new PiecedStream([.. bytes], largestPiece, random), new FrameBufferPool()) { Limit = RelayFrames.MaxFrame };
        var received = new List<byte[]>();
        while (true)
        {
            var message = await reader.ReadAsync();
            if (message.Kind == WebSocketMessageKind.End)
            {
                break;
            }

            Assert.True(message.Kind is WebSocketMessageKind.Binary or WebSocketMessageKind.Ping, $"unexpected {message.Kind} {message.Detail}");
            if (message.Kind == WebSocketMessageKind.Binary)
            {
                received.Add(message.Payload.ToArray());
            }
        }

        Assert.Equal(messages.Length, received.Count);
        for (var i = 0; i < messages.Length; i++)
        {
            Assert.True(messages[i].AsSpan().SequenceEqual(received[i]), $"message {i} ({messages[i].Length} bytes) differs");
        }
    }

    [Fact]
    public async Task AFragmentedMessageOverTheLimit_IsTooLarge_WhereverTheReadsSplitIt()
    {
        var half = new byte[(RelayFrames.MaxFrame / 2) + 1];
        half[0] = (byte)RelayFrameType.Data;
        byte[] bytes = [.. Frame(Binary, half), .. Frame(Continuation, new byte[10]), .. Frame(0x80 | Continuation, [], claimedLength: half.Length)];
        for (var seed = 0; seed < 300; seed++)
        {
            var reader = new WebSocketReader(new PiecedStream(bytes, 1 + (seed * 97 % 40_000), new Random(seed)), new FrameBufferPool()) { Limit = RelayFrames.MaxFrame };
            var message = await reader.ReadAsync();
            Assert.True(message.Kind == WebSocketMessageKind.TooLarge, $"seed {seed}: {message.Kind} {message.Detail}");
        }
    }

    /// <summary>Reads hand over at most a random number of bytes each; a zero-byte read returns at once.</summary>
    [Fact]
    public async Task AFragmentEndingWhereTheReadEnds_IsNotFollowedByAHeaderParsedFromBytesNeverRead()
    {
        // Regression: once a fragment's payload had been copied out of the read buffer, the next
        // header was parsed from as many bytes as there had been before the copy, i.e. from bytes
        // past the end of what was read: whatever the buffer held from its last use. Returned
        // buffers are poisoned in tests (Poisoning), so such stale bytes read as a broken header.
        var pool = new FrameBufferPool();
        var dirty = pool.RentBatch();
        dirty.AsSpan().Fill(0xFF);
        pool.Return(dirty);
        byte[][] reads = [Frame(Binary, "ab"u8), Frame(0x80 | Continuation, "c"u8)];
        var reader = new WebSocketReader(new ReadsStream(reads), pool) { Limit = RelayFrames.MaxFrame };

        var message = await reader.ReadAsync();

        Assert.True(message.Kind == WebSocketMessageKind.Binary, $"unexpected {message.Kind} {message.Detail}");
        Assert.Equal("abc"u8.ToArray(), message.Payload.ToArray());
        message.Release(pool);
        reader.Release();
    }

    /// <summary>Hands over the given reads one by one, exactly as given, then the end.</summary>
    private sealed class ReadsStream(byte[][] reads) : Stream
    {
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty || _next == reads.Length)
            {
                return ValueTask.FromResult(0);
            }

            var read = reads[_next++];
            Assert.True(read.Length <= buffer.Length);
            read.CopyTo(buffer);
            return ValueTask.FromResult(read.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class PiecedStream(byte[] bytes, int largestPiece, Random random) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(Math.Min(buffer.Length, random.Next(1, largestPiece + 1)), bytes.Length - _position);
            bytes.AsSpan(_position, count).CopyTo(buffer.Span);
            _position += count;
            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
