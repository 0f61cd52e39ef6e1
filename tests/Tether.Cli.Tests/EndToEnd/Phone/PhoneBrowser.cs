using Microsoft.Playwright;

namespace Tether.Cli.Tests.EndToEnd.Phone;

/// <summary>
/// Debian's headless Chromium as a phone (390×844, touch), driven by Playwright. Every page error,
/// console error and CSP violation is collected, so a test can assert that none happened.
/// </summary>
internal sealed class PhoneBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _problems = [];

    private PhoneBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
        Watch(page);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; private set; }

    /// <summary>Page errors, console errors and CSP violations seen so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Where screenshots go: <c>.artifacts/screenshots</c> at the repository root.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tether.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? Path.GetTempPath(), ".artifacts", "screenshots");
        }
    }

    public static async Task<PhoneBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // The machine has no network: without these Chromium keeps trying to reach Google.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        return new PhoneBrowser(playwright, browser, context, await context.NewPageAsync());
    }

    /// <summary>A full-page screenshot named <paramref name="name"/>.png, kept as a test artifact.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private void Watch(IPage page)
    {
        page.PageError += (_, error) => Note("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Note("console error: " + message.Text);
            }
        };
    }

    private void Note(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
