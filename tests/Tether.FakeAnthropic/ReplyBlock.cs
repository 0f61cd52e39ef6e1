namespace Tether.FakeAnthropic;

/// <summary>One content block of a scripted model reply: <see cref="TextBlock"/> or <see cref="ToolUseBlock"/>.</summary>
public abstract record ReplyBlock;
