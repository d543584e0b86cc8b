using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Http;
using SynthFunctions.Testing;
using SynthFunctions.Triggers;

namespace SynthFunctions.Tests;

/// <summary>The anonymous dashboard function serves the embedded files, and nothing else, with the dashboard's CSP.</summary>
public sealed class DashboardTriggerTests
{
    static readonly Dashboard Function = new(new DashboardFiles(new ContentSecurityPolicy(
        new FixedOptionsMonitor<AiStudiosOptions>(new AiStudiosOptions { BaseUrl = new Uri("https://app.aistudios.com") }))));

    static async Task<(int Status, string? ContentType, string Body, IHeaderDictionary Headers)> GetAsync(string? file)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = "GET";
        context.Response.Body = new MemoryStream();
        await Function.Run(context.Request, file).ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()), context.Response.Headers);
    }

    [Theory]
    [InlineData(null, "text/html; charset=utf-8")]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("app.css", "text/css; charset=utf-8")]
    public async Task Serves_the_embedded_files_with_their_type_and_the_dashboard_policy(string? file, string contentType)
    {
        var (status, type, body, headers) = await GetAsync(file);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal(contentType, type);
        Assert.NotEmpty(body);
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; media-src 'self' https:; connect-src 'self'; "
            + "form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            headers.ContentSecurityPolicy.ToString());
    }

    [Theory]
    [InlineData("../appsettings.json")]
    [InlineData("SynthFunctions.dll")]
    [InlineData("videos")]
    [InlineData("APP.JS")]
    public async Task Anything_else_is_not_found(string file)
    {
        var (status, type, _, _) = await GetAsync(file);

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("application/problem+json", type);
    }

    [Fact]
    public async Task The_page_loads_only_its_own_script_and_has_none_inline()
    {
        var (_, _, page, _) = await GetAsync(null);

        Assert.Contains("<script src=\"/api/dashboard/app.js\" defer></script>", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, "<script"));
        Assert.Empty(Regex.Matches(page, @"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase));
    }
}
