using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;

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
    public void The_defaults_point_at_the_documented_v1_host()
    {
        var options = Resolve(new() { ["AiStudios:ApiKey"] = "k" });

        Assert.Equal(new Uri("https://v2.aistudios.com"), options.BaseUrl);
        Assert.Equal(("webhook", "projectName"), (options.WebhookField, options.ProjectNameField));
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
    public void A_missing_key_is_reported()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve([]));

        Assert.Contains("AiStudios:ApiKey is required", error.Message);
    }
}
