using Tether.Cli.Attach;

namespace Tether.Cli.Tests.Attach;

public sealed class BoundedLineReaderTests
{
    [Fact]
    public async Task Lines_ComeOutWithoutTheirEnds_AndAnOverlongOneIsSkippedWhole()
    {
        var reader = new BoundedLineReader(new StringReader("one\r\n" + new string('x', 10_000) + "\ntwo\nlast"), 100);

        Assert.Equal("one", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal(BoundedLineReader.TooLong, await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("two", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Equal("last", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));
    }
}
