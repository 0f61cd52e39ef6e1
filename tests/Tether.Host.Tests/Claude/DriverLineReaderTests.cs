using System.Text;
using Tether.Host.Agents.Claude;

namespace Tether.Host.Tests.Claude;

/// <summary>Claude's stdout is framed by lines with a cap; a line over it is skipped and reading goes on (reference pitfall 8).</summary>
public sealed class DriverLineReaderTests
{
    [Fact]
    public async Task Lines_split_across_many_reads_come_out_whole()
    {
        var reader = new BoundedLineReader(new TrickleStream("{\"a\":1}\n{\"b\":2}\n"u8.ToArray()), 1024);

        Assert.Equal("{\"a\":1}", await NextLineAsync(reader));
        Assert.Equal("{\"b\":2}", await NextLineAsync(reader));
        Assert.Equal(LineReadKind.End, (await reader.ReadAsync(default)).Kind);
    }

    [Fact]
    public async Task A_line_over_the_cap_is_skipped_to_its_end_and_the_next_line_is_read()
    {
        var huge = new string('x', 5000);
        var reader = new BoundedLineReader(new TrickleStream(Encoding.UTF8.GetBytes($"first\n{huge}\nafter\n"), chunk: 700), 100);

        Assert.Equal("first", await NextLineAsync(reader));
        var skipped = await reader.ReadAsync(default);
        Assert.Equal(LineReadKind.TooLong, skipped.Kind);
        Assert.Equal(5000, skipped.SkippedBytes);
        Assert.Equal("after", await NextLineAsync(reader));
        Assert.Equal(LineReadKind.End, (await reader.ReadAsync(default)).Kind);
    }

    [Fact]
    public async Task A_line_exactly_at_the_cap_is_read_and_one_byte_more_is_skipped()
    {
        var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 64) + "\n" + new string('b', 65) + "\nc\n")), 64);

        Assert.Equal(new string('a', 64), await NextLineAsync(reader));
        Assert.Equal(LineReadKind.TooLong, (await reader.ReadAsync(default)).Kind);
        Assert.Equal("c", await NextLineAsync(reader));
    }

    [Fact]
    public async Task A_last_line_without_a_newline_is_returned_before_the_end()
    {
        var reader = new BoundedLineReader(new MemoryStream("one\r\ntwo"u8.ToArray()), 1024);

        Assert.Equal("one", await NextLineAsync(reader));
        Assert.Equal("two", await NextLineAsync(reader));
        Assert.Equal(LineReadKind.End, (await reader.ReadAsync(default)).Kind);
    }

    [Fact]
    public async Task Empty_lines_and_lines_that_are_not_JSON_come_out_as_lines_for_the_caller_to_skip()
    {
        var reader = new BoundedLineReader(new MemoryStream("\nnot json\n{}\n"u8.ToArray()), 1024);

        Assert.Equal(string.Empty, await NextLineAsync(reader));
        Assert.Equal("not json", await NextLineAsync(reader));
        Assert.Equal("{}", await NextLineAsync(reader));
    }

    private static async Task<string> NextLineAsync(BoundedLineReader reader)
    {
        var result = await reader.ReadAsync(default);
        Assert.Equal(LineReadKind.Line, result.Kind);
        return Encoding.UTF8.GetString(result.Line.Span);
    }

    /// <summary>Hands out its bytes a few at a time, as a pipe may.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk = 3) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
