using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using SynthFunctions.Testing;

namespace SynthFunctions.Dashboard.Tests;

/// <summary>The dashboard in headless chromium against the standalone host, used as a person would: through the page.</summary>
public sealed class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    const string XssName = "<img src=x onerror=alert(1)>";

    static CancellationToken Token => TestContext.Current.CancellationToken;

    Browser Browser => fixture.Browser;

    SelfHostProcess Host => fixture.Host;

    void Open(string hash = "") => Browser.Open(new Uri(Host.BaseAddress, hash.Length == 0 ? "/" : "/" + hash));

    string SubmitScriptFromForm(string name, string script)
    {
        Open("#/new");
        Browser.Visible("#new-name").SendKeys(name);
        Browser.Driver.FindElement(By.Id("new-script")).SendKeys(script);
        Browser.Driver.FindElement(By.Id("new-submit")).Click();
        return Browser.Until(driver => JobIdInAddress(driver.Url), "the page to open the new job");
    }

    static string? JobIdInAddress(string url) =>
        url.Split("#/jobs/", 2) is [_, var id] && id.Length > 0 ? Uri.UnescapeDataString(id) : null;

    async Task<string> SubmitOverApiAsync(string name, string script = "Hello from the dashboard tests.")
    {
        using var content = new StringContent(script, Encoding.UTF8, "text/plain");
        using var response = await Host.Http.PostAsync($"api/videos?name={Uri.EscapeDataString(name)}", content, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["id"]!;
    }

    async Task<string> StateAsync(string id) =>
        (string)JsonNode.Parse(await Host.Http.GetStringAsync($"api/videos/{id}", Token))!["state"]!;

    [Fact]
    public void The_page_loads_every_view_with_no_console_errors()
    {
        Browser.TakeErrors();

        Open();
        Browser.Visible("#jobs-table");
        Browser.Until(driver => Browser.Text("#connection").StartsWith("Updated", StringComparison.Ordinal), "the jobs to load");
        Open("#/batches");
        Browser.Visible("#batches-table");
        Open("#/new");
        // V3 offers the account's avatars: the list came from GET /api/models.
        Browser.Visible("#avatar-choice");
        Assert.True(Browser.Driver.FindElements(By.CssSelector("#new-model option")).Count > 1);

        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public async Task A_script_from_the_form_appears_moves_completes_and_its_video_plays()
    {
        var name = $"Dashboard play {Guid.NewGuid():N} sim:render=8s";
        var id = SubmitScriptFromForm(name, "Hello from the dashboard.");

        Open();
        var row = $"tr[data-job-id='{id}']";
        Browser.Until(_ => Browser.Visible($"{row} .name-cell").Text == name, "the job to appear in the table by its name");
        var seen = new SortedSet<double>();
        Browser.Until(driver =>
        {
            seen.Add(Convert.ToDouble(Browser.Script($"return document.querySelector(\"{row} progress\").value;"), CultureInfo.InvariantCulture));
            return driver.FindElement(By.CssSelector(row)).GetAttribute("data-state") == "completed";
        }, "the job to complete in the table", TimeSpan.FromSeconds(60));
        Assert.Contains(seen, progress => progress is > 0 and < 100);
        // The bar and the state are read separately from a table that redraws itself, so wait for the bar's own end.
        Browser.Until(_ => Convert.ToDouble(Browser.Script($"return document.querySelector(\"{row} progress\").value;"), CultureInfo.InvariantCulture) == 100 ? "full" : null,
            "the completed job's bar to show 100");

        Browser.Driver.FindElement(By.CssSelector($"{row} .name-cell a")).Click();
        Assert.Equal("completed", Browser.Visible("#job-state").Text);
        var video = Browser.Visible("#job-video");
        Assert.EndsWith($"/api/videos/{id}/video", video.GetAttribute("src"), StringComparison.Ordinal);
        var duration = Browser.Until(
            _ => Browser.Script("const v = document.querySelector('#job-video'); return v.readyState >= 1 && v.duration > 0 ? v.duration : null;"),
            "the video's metadata");
        Assert.True(Convert.ToDouble(duration, CultureInfo.InvariantCulture) > 0);
        var played = Browser.Driver.ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1]; const v = document.querySelector('#job-video'); v.muted = true;"
            + "v.play().then(() => done('playing'), e => done('refused: ' + e.message));");
        Assert.Equal("playing", played);
        Browser.Until(_ => Browser.Script("const v = document.querySelector('#job-video'); return v.currentTime > 0 || v.ended ? true : null;"), "the video to play");
        Assert.Contains("Video and record stored", Browser.Text("#job-steps"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_from_the_page_ends_a_running_job_as_cancelled()
    {
        var id = SubmitScriptFromForm($"Dashboard cancel {Guid.NewGuid():N} sim:render=60s", "A long render.");
        Browser.Until(_ => Browser.Text("#job-state") == "rendering", "the job to render");

        Browser.Visible("#job-cancel").Click();

        Browser.Until(_ => Browser.Text("#job-state") == "cancelled", "the page to show the job cancelled");
        Assert.False(Browser.Driver.FindElement(By.Id("job-cancel")).Displayed);
        Assert.Contains("cancelled", Browser.Visible("#job-error").Text, StringComparison.Ordinal);
        Assert.Equal("cancelled", await StateAsync(id));
    }

    [Fact]
    public async Task A_csv_file_from_the_form_becomes_a_batch_the_page_shows()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("dashboard-").FullName, "launch.csv");
        await File.WriteAllTextAsync(file, "name,script\nFirst row,Hello from row one.\nSecond row,Hello from row two.\n", Token);
        var batchName = $"Dashboard batch {Guid.NewGuid():N}";
        Open("#/new");
        Browser.Visible("#new-name").SendKeys(batchName);
        Browser.Driver.FindElement(By.Id("new-file")).SendKeys(file);
        Browser.Driver.FindElement(By.Id("new-submit")).Click();

        var id = Browser.Until(driver => driver.Url.Split("#/batches/", 2) is [_, var found] && found.Length > 0 ? found : null, "the page to open the batch");
        Browser.Until(_ => Browser.Visible("#batch-name").Text == batchName, "the batch page to show the batch by its name");
        Assert.Equal("2", Browser.Visible("#batch-counts [data-count=rows] dd").Text);
        // Its rows start; on the standalone host they do not end yet (a known engine defect, reported with this branch),
        // so the page is checked on a started batch: counts by state, a cancel button, no manifest link before the end.
        Browser.Until(_ => Browser.Text("#batch-state") == "running", "the batch to run");
        Assert.True(Browser.Visible("#batch-cancel").Displayed);
        Assert.False(Browser.Driver.FindElement(By.Id("batch-manifest")).Displayed);

        Open("#/batches");
        Browser.Until(_ => Browser.Visible($"tr[data-batch-id='{id}'] .name-cell").Text == batchName, "the batch in the list");
    }

    [Fact]
    public void A_job_named_like_markup_shows_as_that_text_and_runs_nothing()
    {
        Browser.TakeErrors();

        var id = SubmitScriptFromForm(XssName, "Hi.");
        Browser.Until(_ => Browser.Text("#job-name") == XssName, "the job page to show the name");
        Open();
        Browser.Until(_ => Browser.Visible($"tr[data-job-id='{id}'] .name-cell").Text == XssName, "the table to show the name as text");

        Assert.Equal(0L, Browser.Script("return document.querySelectorAll('img').length;"));
        Assert.Throws<NoAlertPresentException>(() => Browser.Driver.SwitchTo().Alert());
        // An <img src=x> rendered anywhere would have requested /x and logged its 404.
        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public void Invalid_input_shows_each_problem_the_api_returned_with_its_row()
    {
        Open("#/new");
        Browser.Visible("#new-script").SendKeys("   ");
        Browser.Driver.FindElement(By.Id("new-submit")).Click();
        Assert.Contains("script: must not be empty", Browser.Visible("#new-problems").Text, StringComparison.Ordinal);

        var file = Path.Combine(Directory.CreateTempSubdirectory("dashboard-").FullName, "bad.csv");
        File.WriteAllText(file, "name,script\nFine,Hello.\nEmpty,\n");
        Browser.Driver.Navigate().Refresh();
        Browser.Visible("#new-file").SendKeys(file);
        Browser.Driver.FindElement(By.Id("new-submit")).Click();
        Browser.Until(_ => Browser.Text("#new-problems").Contains("row 2, column script", StringComparison.Ordinal), "the row's problem to show");
        Assert.Contains("/#/new", Browser.Driver.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_files_carry_a_strict_csp_and_api_answers_a_deny_all_one()
    {
        foreach (var (path, type) in new[] { ("/", "text/html"), ("/api/dashboard/", "text/html"), ("/api/dashboard/app.js", "text/javascript"), ("/api/dashboard/app.css", "text/css") })
        {
            using var response = await Host.Http.GetAsync(path, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains($"media-src 'self' https: {Host.SimulatorAddress.GetLeftPart(UriPartial.Authority)};", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        }

        using (var missing = await Host.Http.GetAsync("/api/dashboard/..%2Fappsettings.json", Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var api = await Host.Http.GetAsync("/api/videos", Token);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'", string.Join(' ', api.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task The_stored_video_streams_in_ranges_and_the_manifest_waits_for_the_batch_to_end()
    {
        var id = await SubmitOverApiAsync($"Range {Guid.NewGuid():N}");
        using (var before = await Host.Http.GetAsync($"api/videos/{id}/video", Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
            Assert.Equal("application/problem+json", before.Content.Headers.ContentType?.MediaType);
        }

        await Eventually.UntilAsync(async () => await StateAsync(id) == "completed", "the job to complete", TimeSpan.FromSeconds(60));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/videos/{id}/video") { Headers = { Range = new RangeHeaderValue(4, 11) } };
        using var part = await Host.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("video/mp4", part.Content.Headers.ContentType?.MediaType);
        // Bytes 4-11 of an MP4: the first box's type, "ftyp", then its major brand.
        Assert.Equal("ftyp", Encoding.ASCII.GetString(await part.Content.ReadAsByteArrayAsync(Token))[..4]);
        Assert.Equal(8, part.Content.Headers.ContentLength);

        using var noBatch = await Host.Http.GetAsync("api/batches/batch-0123456789abcdef0123456789abcdef/manifest", Token);
        Assert.Equal(HttpStatusCode.NotFound, noBatch.StatusCode);
    }

    [Fact]
    public async Task The_run_keeps_a_screenshot_of_jobs_in_several_states()
    {
        var completed = await SubmitOverApiAsync("Welcome message");
        var failed = await SubmitOverApiAsync("Launch teaser sim:reject");
        var cancelled = await SubmitOverApiAsync("Quarterly update sim:render=60s");
        var rendering = await SubmitOverApiAsync("Product tour sim:render=120s");
        await Eventually.UntilAsync(async () => await StateAsync(cancelled) == "rendering", "the long job to render", TimeSpan.FromSeconds(60));
        using (var cancel = await Host.Http.DeleteAsync($"api/videos/{cancelled}", Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var expected = new Dictionary<string, string> { [completed] = "completed", [failed] = "failed", [cancelled] = "cancelled", [rendering] = "rendering" };
        Open();
        Browser.Until(driver => expected.All(job =>
            driver.FindElements(By.CssSelector($"tr[data-job-id='{job.Key}'][data-state='{job.Value}']")).Count == 1), "the table to show every state", TimeSpan.FromSeconds(90));

        var path = Path.Combine(RepositoryRoot.Path, "docs", "images", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Browser.Driver.GetScreenshot().SaveAsFile(path);
        Assert.True(new FileInfo(path).Length > 10_000);
    }
}
