using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace SynthFunctions.Dashboard.Tests;

/// <summary>Debian's chromium, headless, driven through Debian's chromium-driver (test.sh installs both when missing).</summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    Browser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    public static Browser Start()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException($"These tests need {ChromiumPath} and {DriverPath}: run ./test.sh, which installs Debian's chromium and chromium-driver.");
        }

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // --no-sandbox: the tests run as root in CI, where chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,960", "--mute-audio",
            "--autoplay-policy=no-user-gesture-required", "--no-first-run", "--disable-extensions");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    /// <summary>
    /// Loads <paramref name="address"/> afresh. Going through a blank page first matters: a change of the hash alone keeps
    /// the page, and with it what an earlier test left in its form (a picked file, typed text).
    /// </summary>
    public void Open(Uri address)
    {
        Driver.Navigate().GoToUrl("about:blank");
        Driver.Navigate().GoToUrl(address);
    }

    /// <summary>Waits, with a bound, until <paramref name="condition"/> gives a value; the browser is polled, never slept on.</summary>
    public T Until<T>(Func<IWebDriver, T?> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? DefaultWait) { PollingInterval = TimeSpan.FromMilliseconds(100), Message = $"waiting for {what}" };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(driver => condition(driver))!;
    }

    public IWebElement Visible(string css, TimeSpan? timeout = null) =>
        Until(driver => driver.FindElement(By.CssSelector(css)) is { Displayed: true } found ? found : null, $"'{css}' to show", timeout);

    public string Text(string css) => Driver.FindElement(By.CssSelector(css)).Text;

    public object? Script(string script, params object[] arguments) => Driver.ExecuteScript(script, arguments);

    /// <summary>The browser's console and network errors since the last call (CSP violations and script errors among them).</summary>
    public IReadOnlyList<string> TakeErrors() =>
        [.. Driver.Manage().Logs.GetLog(LogType.Browser).Where(entry => entry.Level >= LogLevel.Warning).Select(entry => $"{entry.Level}: {entry.Message}")];

    public void Dispose() => Driver.Quit();
}
