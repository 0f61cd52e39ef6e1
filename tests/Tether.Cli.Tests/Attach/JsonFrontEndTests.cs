using Tether.Cli.Attach;

namespace Tether.Cli.Tests.Attach;

/// <summary>`tether attach --json` reads commands from scripts; anything else is an error line, never an action.</summary>
public sealed class JsonFrontEndTests
{
    [Theory]
    [InlineData("""{"type":"prompt","text":"hi"}""", "Prompt")]
    [InlineData("""{"type":"approve","id":"ab12"}""", "Approve")]
    [InlineData("""{"type":"deny","id":"ab12","reason":"no"}""", "Deny")]
    [InlineData("""{"type":"interrupt"}""", "Interrupt")]
    public void EachCommand_IsRecognised(string line, string kind)
    {
        var command = JsonFrontEnd.Parse(line, out var error);

        Assert.Equal(kind, command?.GetType().Name);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"text":"no type"}""")]
    [InlineData("""{"type":"prompt"}""")]
    [InlineData("""{"type":"prompt","text":""}""")]
    [InlineData("""{"type":"approve"}""")]
    [InlineData("""{"type":"rm -rf"}""")]
    [InlineData("""{"type":1}""")]
    public void Garbage_IsAnErrorWithAReason_AndNoCommand(string line)
    {
        Assert.Null(JsonFrontEnd.Parse(line, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task GarbageOnStdin_GetsErrorLines_AndTheGoodLinesStillCount()
    {
        var input = new StringReader("garbage\n" + new string('x', 600_000) + "\n{\"type\":\"interrupt\"}\n");
        var output = new StringWriter();
        var frontEnd = new JsonFrontEnd(input, output);

        frontEnd.StartReading(CancellationToken.None);
        var commands = new List<DeviceCommand>();
        await foreach (var command in frontEnd.Commands.ReadAllAsync())
        {
            commands.Add(command);
        }

        Assert.IsType<DeviceCommand.Interrupt>(Assert.Single(commands));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("{\"type\":\"error\"", line, StringComparison.Ordinal));
        Assert.Contains("too long", lines[1], StringComparison.Ordinal);
    }
}
