using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Clients.AiStudios;
using SynthFunctions.Core.Contracts;

namespace SynthFunctions.Core.Tests.Clients;

/// <summary>
/// The V3 settings where <see cref="AiStudiosOptionsTests"/> stops: a wrong combination stops the host from starting (not
/// only the first read of the options), the V3 credentials are checked without being echoed, and the token timings are
/// checked against each other.
/// </summary>
public class V3SettingsTests
{
    const string Secret = "secret-value-4b7e";

    static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddAiStudiosClient();
        return builder.Build();
    }

    static async Task<OptionsValidationException> StartFailsAsync(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    static AiStudiosOptions Resolve(Dictionary<string, string?> settings)
    {
        using var host = Build(settings);
        return host.Services.GetRequiredService<IOptions<AiStudiosOptions>>().Value;
    }

    [Fact]
    public async Task The_host_does_not_start_with_both_kinds_of_credentials()
    {
        var error = await StartFailsAsync(new() { ["AiStudios:AppId"] = "app", ["AiStudios:UserKey"] = Secret, ["AiStudios:ApiKey"] = Secret });

        Assert.Contains("AiStudios:AppId/AiStudios:UserKey (the V3 API) and AiStudios:ApiKey (the classic API) are both set", error.Message);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_does_not_start_without_credentials()
    {
        var error = await StartFailsAsync([]);

        Assert.Contains("No AI Studios credentials: set AiStudios:AppId and AiStudios:UserKey", error.Message);
        Assert.Contains("AiStudios:ApiKey", error.Message);
    }

    [Fact]
    public async Task The_host_starts_with_v3_credentials_alone_and_speaks_v3()
    {
        using var host = Build(new() { ["AiStudios:AppId"] = "app", ["AiStudios:UserKey"] = Secret });

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.IsType<V3AiStudiosClient>(host.Services.GetRequiredService<IAiStudiosClient>());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_api_key_alone_gets_the_classic_client()
    {
        using var host = Build(new() { ["AiStudios:ApiKey"] = Secret });

        Assert.IsType<ClassicAiStudiosClient>(host.Services.GetRequiredService<IAiStudiosClient>());
    }

    [Theory]
    [InlineData("AppId", "line\nbreak" + Secret, "AiStudios:AppId must not contain line breaks")]
    [InlineData("UserKey", "line\nbreak" + Secret, "AiStudios:UserKey must not contain line breaks")]
    [InlineData("UserKey", " " + Secret, "AiStudios:UserKey must not contain line breaks, control characters or surrounding spaces")]
    [InlineData("UserKey", "   ", "AiStudios:UserKey is required")]
    public void A_malformed_v3_credential_is_named_and_not_echoed(string setting, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["AiStudios:AppId"] = "app", ["AiStudios:UserKey"] = "key", [$"AiStudios:{setting}"] = value };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01:00:00", "01:00:00", "AiStudios:TokenRenewalMargin must be at least zero and shorter than TokenLifetime")]
    [InlineData("01:00:00", "-00:01:00", "AiStudios:TokenRenewalMargin must be at least zero and shorter than TokenLifetime")]
    [InlineData("00:00:00", "00:00:00", "AiStudios:TokenLifetime must be positive")]
    public void Token_timings_must_leave_a_token_some_life(string lifetime, string margin, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["AiStudios:AppId"] = "app",
            ["AiStudios:UserKey"] = "key",
            ["AiStudios:TokenLifetime"] = lifetime,
            ["AiStudios:TokenRenewalMargin"] = margin,
        }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Tokens_live_the_documented_day_and_are_renewed_half_an_hour_early_by_default()
    {
        var options = Resolve(new() { ["AiStudios:AppId"] = "app", ["AiStudios:UserKey"] = "key" });

        Assert.Equal((TimeSpan.FromHours(24), TimeSpan.FromMinutes(30)), (options.TokenLifetime, options.TokenRenewalMargin));
    }

    [Fact]
    public void The_options_print_no_credential()
    {
        var options = new AiStudiosOptions { AppId = "app-" + Secret, UserKey = Secret, ApiKey = Secret };

        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);
    }
}
