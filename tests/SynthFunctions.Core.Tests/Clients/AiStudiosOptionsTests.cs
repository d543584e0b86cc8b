using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Tests.Clients;

public class AiStudiosOptionsTests
{
    static AiStudiosOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddAiStudiosClient().BuildServiceProvider();
        return services.GetRequiredService<IOptions<AiStudiosOptions>>().Value;
    }

    [Fact]
    public void An_api_key_alone_selects_the_classic_api_on_its_documented_host()
    {
        var options = Resolve(new() { ["AiStudios:ApiKey"] = "k" });

        Assert.Equal((AiStudiosApi.Classic, new Uri("https://v2.aistudios.com")), (options.EffectiveApi, options.EffectiveBaseUrl));
        Assert.Equal(("webhook", "projectName"), (options.WebhookField, options.ProjectNameField));
    }

    [Fact]
    public void An_app_id_and_user_key_select_v3_on_its_documented_host_and_the_china_host_is_a_base_url_away()
    {
        var global = Resolve(new() { ["AiStudios:AppId"] = "app", ["AiStudios:UserKey"] = "key" });
        var china = Resolve(new() { ["AiStudios:AppId"] = "app", ["AiStudios:UserKey"] = "key", ["AiStudios:BaseUrl"] = "https://app.aistudios.cn" });

        Assert.Equal((AiStudiosApi.V3, new Uri("https://app.aistudios.com")), (global.EffectiveApi, global.EffectiveBaseUrl));
        Assert.Equal((AiStudiosApi.V3, new Uri("https://app.aistudios.cn")), (china.EffectiveApi, china.EffectiveBaseUrl));
    }

    [Fact]
    public void Both_kinds_of_credentials_stop_the_start_naming_the_settings_and_echoing_no_secret()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["AiStudios:AppId"] = "app",
            ["AiStudios:UserKey"] = "user-key-secret",
            ["AiStudios:ApiKey"] = "api-key-secret",
        }));

        Assert.Contains("AiStudios:AppId/AiStudios:UserKey (the V3 API) and AiStudios:ApiKey (the classic API) are both set", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData("AppId", "AiStudios:UserKey is required")]
    [InlineData("UserKey", "AiStudios:AppId is required")]
    public void Half_of_the_v3_credentials_is_named_as_missing(string given, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [$"AiStudios:{given}"] = "x" }));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("Classic", "AppId", "AiStudios:Api is Classic, but AiStudios:AppId/AiStudios:UserKey are V3 credentials")]
    [InlineData("V3", "ApiKey", "AiStudios:Api is V3, but AiStudios:ApiKey is a classic credential")]
    public void A_chosen_api_must_agree_with_the_credentials(string api, string credential, string expected)
    {
        var settings = new Dictionary<string, string?> { ["AiStudios:Api"] = api, [$"AiStudios:{credential}"] = "x" };
        if (credential == "AppId")
        {
            settings["AiStudios:UserKey"] = "y";
        }

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Every_bad_setting_is_named_and_the_key_is_never_echoed()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["AiStudios:ApiKey"] = "line\nbreak-secret",
            ["AiStudios:BaseUrl"] = "ftp://files.example",
            ["AiStudios:WebhookField"] = "web hook",
            ["AiStudios:AttemptTimeout"] = "00:05:00",
            ["AiStudios:TotalTimeout"] = "00:01:00",
            ["AiStudios:MaxRetries"] = "50",
        }));

        Assert.Contains("AiStudios:ApiKey must not contain line breaks", error.Message);
        Assert.Contains("AiStudios:BaseUrl must be an absolute http or https URL", error.Message);
        Assert.Contains("AiStudios:WebhookField must be a plain JSON member name", error.Message);
        Assert.Contains("AiStudios:AttemptTimeout must not exceed TotalTimeout", error.Message);
        Assert.Contains("MaxRetries", error.Message);
        Assert.DoesNotContain("break-secret", error.Message);
    }

    [Fact]
    public void Missing_credentials_are_reported_naming_both_ways_to_set_them()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve([]));

        Assert.Contains("No AI Studios credentials: set AiStudios:AppId and AiStudios:UserKey (the V3 API", error.Message);
        Assert.Contains("or AiStudios:ApiKey (the classic API)", error.Message);
    }
}
