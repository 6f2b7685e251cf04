using Matchmaking.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Matchmaking.Web.Tests.Browser;

/// <summary>The real app on Kestrel (127.0.0.1, a free port) and Debian's Chromium driven by Playwright.
/// Never `playwright install`: the browser comes from apt (.ci/run installs it).</summary>
public class BrowserPortal : PortalFactory, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDir => Path.Combine(Matchmaking.Tests.Repo.Root, "docs", "screenshots");

    public async Task InitializeAsync()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Dispose();
    }
}

/// <summary>Browser journeys run alone, after the parallel tests: timing-sensitive UI on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}

public static class PageExtensions
{
    /// <summary>Opens a page and waits for the Blazor circuit: a click on prerendered HTML would be lost.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("#app-root[data-interactive='true']");
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(BrowserPortal.ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserPortal.ScreenshotDir, name + ".png"), FullPage = true });
    }

    /// <summary>Signs in through the real (static) login form.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForSelectorAsync("#app-root[data-interactive='true']");
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.Context.ClearCookiesAsync();
    }
}
