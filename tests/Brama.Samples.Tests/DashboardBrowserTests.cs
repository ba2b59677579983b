using Brama.Tests.Servers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Brama.Samples.Tests;

/// <summary>
/// The dashboard page of the running web sample (a real process on a free port) in headless Chromium (Debian's
/// chromium and chromium-driver, driven by Selenium): failures driven through the sample turn a circuit open on the
/// page, live; Close is refused without the operator's key and works with it. The page's screenshot in that state is
/// saved as dashboard.png next to the test assembly (docs/dashboard.md shows one).
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string OperatorKey = "browser-test-key";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly int _port = Loopback.FreePort();
    private Process? _sample;
    private ChromeDriver? _browser;

    private Uri Base => new($"http://127.0.0.1:{_port}/");

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(WebApi.FlakyDependency).Assembly.Location);
        foreach (var argument in new[] { "--urls", Base.ToString(), "--FlakyApi:BaseAddress=" + Base, "--Sample:OperatorKey=" + OperatorKey })
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = Path.GetDirectoryName(typeof(WebApi.FlakyDependency).Assembly.Location)!;
        _sample = Process.Start(start)!;
        _sample.OutputDataReceived += static (_, _) => { };
        _sample.ErrorDataReceived += static (_, _) => { };
        _sample.BeginOutputReadLine();
        _sample.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Base, Timeout = TimeSpan.FromSeconds(2) };
        await UntilAsync(async () =>
        {
            try
            {
                return (await http.GetAsync("brama/circuits", TestContext.Current.CancellationToken)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, "the sample to answer");

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Chromedriver)!, Path.GetFileName(Chromedriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,700");
        _browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        if (_sample is { HasExited: false })
        {
            _sample.Kill();
            _sample.WaitForExit(10_000);
        }

        _sample?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_page_shows_a_circuit_turn_open_live_and_Close_closes_it()
    {
        var browser = _browser!;
        browser.Navigate().GoToUrl(new Uri(Base, "brama"));
        await UntilAsync(() => Task.FromResult(Text("#feed") == "live" && StateOf("stock_api") == "Closed"), "the page to list stock_api, closed, with a live feed");

        using var http = new HttpClient { BaseAddress = Base };
        (await http.PostAsync("flaky/break", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("stock/widget", TestContext.Current.CancellationToken)).Dispose();
        }

        await UntilAsync(() => Task.FromResult(StateOf("stock_api") == "Open"), "stock_api to turn open on the page");
        Assert.Equal("Open", Row("stock_api").GetAttribute("class"));
        Assert.Matches(@"^\d+\.\d s$", Row("stock_api").FindElement(By.CssSelector("td.retry")).Text);
        Assert.Matches(@"stock_api\s+Closed → Open\s+CircuitOpened: ", browser.FindElement(By.Id("log")).Text); // the page's text, spaces collapsed

        Row("stock_api").FindElement(By.CssSelector("button[data-op='close']")).Click();
        await UntilAsync(() => Task.FromResult(Text("#status").StartsWith("close stock_api: refused", StringComparison.Ordinal)), "Close without the key to be refused");
        Assert.Equal("Open", StateOf("stock_api"));

        var screenshot = ((ITakesScreenshot)browser).GetScreenshot();
        screenshot.SaveAsFile(Path.Combine(AppContext.BaseDirectory, "dashboard.png"));

        browser.FindElement(By.Id("authorization")).SendKeys("Operator " + OperatorKey);
        Row("stock_api").FindElement(By.CssSelector("button[data-op='close']")).Click();
        await UntilAsync(() => Task.FromResult(StateOf("stock_api") == "Closed"), "stock_api to close");
        Assert.Equal("close stock_api: done", Text("#status"));
        await UntilAsync(() => Task.FromResult(System.Text.RegularExpressions.Regex.IsMatch(browser.FindElement(By.Id("log")).Text, @"stock_api\s+Open → Closed\s+CircuitClosed \(manual\): from the dashboard")), "the manual close in the transitions");
    }

    private static string Chromium => File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "/usr/bin/chromium-browser";

    private static string Chromedriver => File.Exists("/usr/bin/chromedriver") ? "/usr/bin/chromedriver" : "/usr/lib/chromium/chromedriver";

    private IWebElement Row(string circuit) => _browser!.FindElement(By.CssSelector($"tr[data-circuit='{circuit}']"));

    private string? StateOf(string circuit)
    {
        var rows = _browser!.FindElements(By.CssSelector($"tr[data-circuit='{circuit}'] td.state"));
        return rows.Count == 1 ? rows[0].Text : null;
    }

    private string Text(string selector) => _browser!.FindElement(By.CssSelector(selector)).Text;

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen within {Bound.TotalSeconds} s");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
