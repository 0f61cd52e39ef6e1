using Tether.Cli.Terminal;

namespace Tether.Cli.Tests.Attach;

/// <summary>Untrusted text cannot drive the terminal it is printed on.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b[2J\u001b[Happroved", "\\x1b[2J\\x1b[Happroved")]
    [InlineData("title\u001b]0;pwned\u0007", "title\\x1b]0;pwned\\x07")]
    [InlineData("a\rb", "a\\x0db")]
    [InlineData("\u009b31m", "\\x9b31m")]
    [InlineData("file\u202egnp.exe", "file\\u202egnp.exe")]
    public void EscapeSequencesAndOverrides_AreShownNotObeyed(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Safe(text));

    [Fact]
    public void OrdinaryText_IsUntouched() =>
        Assert.Equal("héllo\n\twörld ✓", TerminalText.Safe("héllo\n\twörld ✓"));
}
