using Microsoft.Playwright;
using Tether.Cli.Tests.Support;

namespace Tether.Cli.Tests.EndToEnd.Phone;

/// <summary>
/// Issue 6's world: the real `claude` under `tether run` with the scripted model (as in
/// <see cref="ClaudeWorld"/>), and the phone web client in Debian's Chromium, served by the host's
/// embedded relay and paired by typing the code the page shows into the host.
/// </summary>
internal sealed class PhoneWorld : IAsyncDisposable
{
    private PhoneWorld(ClaudeWorld workstation, PhoneBrowser phone)
    {
        Workstation = workstation;
        Phone = phone;
    }

    public ClaudeWorld Workstation { get; }

    public PhoneBrowser Phone { get; }

    public IPage Page => Phone.Page;

    /// <summary>The latest approval card still waiting for an answer.</summary>
    public ILocator PendingCard => Page.Locator(".approval[data-state=pending]").Last;

    public static async Task<PhoneWorld> StartAsync() => new(await ClaudeWorld.StartAsync(), await PhoneBrowser.LaunchAsync());

    /// <summary>Opens the host's pairing link on the phone, types the code the page shows on the host, and opens the session.</summary>
    public async Task PairAsync(string deviceName = "Pixel", string? screenshot = null)
    {
        var link = (await Workstation.Host!.WaitForLineAsync("pairing link: "))["pairing link: ".Length..];
        await Page.GotoAsync(link);
        await Page.Locator("#device-name").FillAsync(deviceName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pair", Exact = true }).ClickAsync();
        var digits = new string((await Page.Locator(".sas").InnerTextAsync()).Where(char.IsAsciiDigit).ToArray());
        Assert.Equal(8, digits.Length);
        if (screenshot is not null)
        {
            await Phone.ScreenshotAsync(screenshot);
        }

        await Workstation.Host.WaitForLineAsync("Type the 8 digits");
        await Workstation.Host.WriteLineAsync(digits);
        await Workstation.Host.WaitForLineAsync("Name this device");
        await Workstation.Host.WriteLineAsync(string.Empty);
        await Page.GetByText("Paired with").WaitForAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the session" }).ClickAsync();
        await OnlineAsync();
    }

    public Task OnlineAsync() => Page.Locator(".connection[data-state=online]").WaitForAsync(new() { Timeout = 30_000 });

    public async Task PromptAsync(string text)
    {
        await Page.Locator("textarea.prompt-input").FillAsync(text);
        await Page.Locator(".button-send").ClickAsync();
    }

    /// <summary>Waits until the conversation shows <paramref name="count"/> turn results.</summary>
    public Task TurnsEndedAsync(int count) =>
        Page.Locator(".turn-result").Nth(count - 1).WaitForAsync(new() { Timeout = 60_000 });

    /// <summary>The conversation's text, as the person reads it.</summary>
    public Task<string> ConversationAsync() => Page.Locator(".log").InnerTextAsync();

    public async Task<int> RunTetherAsync(params string[] args)
    {
        await using var command = TetherProcess.Start(Workstation.Workstation, args);
        return await command.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Phone.DisposeAsync();
        await Workstation.DisposeAsync();
    }
}
