using Microsoft.Playwright;
using Tether.FakeAnthropic;

namespace Tether.Cli.Tests.EndToEnd.Phone;

/// <summary>
/// Issue 6 end to end: the phone web client in headless Chromium at 390×844, against the real host
/// running the real `claude` with the scripted model, through the relay embedded in `tether run`.
/// Screenshots land in .artifacts/screenshots (docs/web-client.md shows them).
/// </summary>
public sealed class PhoneSessionTests
{
    [Fact]
    public async Task OnAPhone_ThePairedPageStreamsText_ApprovesAWrite_DeniesABashWithAReasonTheModelReads_LetsOneExpire_AndInterrupts()
    {
        await using var world = await PhoneWorld.StartAsync();
        var marker = world.Workstation.InProject("denied-marker");
        world.Workstation.Api.Enqueue(
            Reply.Text("Hello ", "from the ", "scripted **model**."),
            Reply.Write(world.Workstation.InProject("notes.txt"), "first line\nsecond line\n"), Reply.Text("Wrote notes.txt."),
            Reply.Bash($"touch {marker}", "Create a marker"), Reply.Text("Not running it."),
            Reply.Write(world.Workstation.InProject("late.txt"), "too late\n"), Reply.Text("It expired."),
            Reply.Bash($"sleep 30 && touch {world.Workstation.InProject("never")}"), Reply.Text("stopped"));
        await world.Workstation.StartHostAsync("--approval-timeout", "8");
        await world.PairAsync(screenshot: "pairing");

        await world.PromptAsync("say hello");
        await world.TurnsEndedAsync(1);
        Assert.Contains("Hello from the scripted model.", await world.ConversationAsync(), StringComparison.Ordinal);
        Assert.Equal("model", await world.Page.Locator(".msg-agent strong").Last.InnerTextAsync());

        await world.PromptAsync("write the notes");
        var card = world.PendingCard;
        await card.Locator(".diff").WaitForAsync();
        Assert.Contains("+second line", await card.Locator(".diff").InnerTextAsync(), StringComparison.Ordinal);
        await world.Phone.ScreenshotAsync("approval-with-diff");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await world.TurnsEndedAsync(2);
        Assert.Equal("first line\nsecond line\n", File.ReadAllText(world.Workstation.InProject("notes.txt")));
        await world.Phone.ScreenshotAsync("conversation");

        await world.PromptAsync("make a marker");
        await world.PendingCard.GetByRole(AriaRole.Button, new() { Name = "Deny with a reason…" }).ClickAsync();
        await world.PendingCard.GetByRole(AriaRole.Textbox, new() { Name = "Reason for denying" }).FillAsync("not on this machine");
        await world.PendingCard.GetByRole(AriaRole.Button, new() { Name = "Send deny" }).ClickAsync();
        await world.TurnsEndedAsync(3);
        Assert.False(File.Exists(marker));
        Assert.Contains(world.Workstation.Api.Turns, turn => turn.ToolResults.Any(r => r.IsError && r.Text.Contains("not on this machine", StringComparison.Ordinal)));

        await world.PromptAsync("write late.txt");
        await world.Page.Locator(".approval[data-state=pending]").WaitForAsync();
        await world.Page.Locator(".approval[data-state=pending]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await world.TurnsEndedAsync(4);
        Assert.False(File.Exists(world.Workstation.InProject("late.txt")));
        Assert.Contains("expired", (await world.Page.Locator(".approval").Last.InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);

        await world.PromptAsync("run the slow thing");
        await world.PendingCard.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await world.Page.Locator(".button-interrupt").ClickAsync();
        await world.TurnsEndedAsync(5);
        Assert.NotEqual("done", await world.Page.Locator(".turn-result").Nth(4).GetAttributeAsync("data-outcome"));
        Assert.False(File.Exists(world.Workstation.InProject("never")));

        await world.Workstation.Host!.StopAsync();
        await world.Page.Locator(".connection[data-state=offline]").WaitForAsync(new() { Timeout = 30_000 });
        await world.Phone.ScreenshotAsync("offline");
    }

    [Fact]
    public async Task AReloadResumesTheSessionWithoutRepeats_ASecondTabTakesItOver_AndRevokingThePhoneOnTheHostEndsItWithASentence()
    {
        await using var world = await PhoneWorld.StartAsync();
        world.Workstation.Api.Enqueue(Reply.Text("before the reload"), Reply.Text("after the reload"));
        await world.Workstation.StartHostAsync();
        await world.PairAsync();
        await world.PromptAsync("one");
        await world.TurnsEndedAsync(1);

        // The start screen lists the host with its presence, checked against the real relay.
        await world.Page.Locator(".button-back").ClickAsync();
        await world.Page.Locator(".presence[data-presence=online]").WaitForAsync(new() { Timeout = 30_000 });
        await world.Phone.ScreenshotAsync("start-screen");
        await world.Page.Locator(".host-open").ClickAsync();
        await world.OnlineAsync();

        await world.Page.ReloadAsync();
        await world.OnlineAsync();
        await world.PromptAsync("two");
        await world.TurnsEndedAsync(2);
        var text = await world.ConversationAsync();
        Assert.Single(AllIndexesOf(text, "before the reload"));
        Assert.Single(AllIndexesOf(text, "after the reload"));
        Assert.Equal(2, await world.Page.Locator(".turn-result").CountAsync());

        // Two tabs of one browser share the stored stream: the newer one takes the host, the older one says so.
        var second = await world.Phone.Context.NewPageAsync();
        await second.GotoAsync(world.Page.Url);
        await second.Locator(".connection[data-state=online]").WaitForAsync(new() { Timeout = 30_000 });
        var taken = world.Page.Locator(".ended[data-reason=superseded]");
        await taken.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("another tab", await taken.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Single(AllIndexesOf(await second.Locator(".log").InnerTextAsync(), "after the reload"));

        Assert.Equal(0, await world.RunTetherAsync("devices", "revoke", "Pixel"));
        var ended = second.Locator(".ended[data-reason=revoked]");
        await ended.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("removed", (await ended.InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileAgentOutput_IsShownAsText_AndNothingInItRuns()
    {
        await using var world = await PhoneWorld.StartAsync();
        world.Workstation.Api.Enqueue(Reply.Text(
            "<img src=x onerror=\"window.__pwned=1\"> ",
            "<script>window.__pwned=2</script> ",
            "[tap me](javascript:window.__pwned=3) ",
            "<a href=\"javascript:window.__pwned=4\">or me</a>"));
        await world.Workstation.StartHostAsync();
        await world.PairAsync();
        var dialogs = 0;
        world.Page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await world.PromptAsync("show me something");
        await world.TurnsEndedAsync(1);
        var agent = world.Page.Locator(".msg-agent").Last;
        var text = await agent.InnerTextAsync();
        Assert.Contains("<img src=x onerror=\"window.__pwned=1\">", text, StringComparison.Ordinal);
        Assert.Contains("<script>window.__pwned=2</script>", text, StringComparison.Ordinal);
        Assert.Contains("javascript:window.__pwned=3", text, StringComparison.Ordinal);
        Assert.Equal(0, await agent.Locator("img, script, iframe, [onerror]").CountAsync());
        Assert.Equal(0, await agent.Locator("a").CountAsync());
        await agent.GetByText("tap me").First.ClickAsync();
        await agent.GetByText("or me").First.ClickAsync();

        Assert.Equal("undefined", await world.Page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, dialogs);
        Assert.DoesNotContain(world.Phone.Problems, p => p.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private static List<int> AllIndexesOf(string text, string value)
    {
        var found = new List<int>();
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }

        return found;
    }
}
