using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SynthFunctions.Core.Notifications;

namespace SynthFunctions.Core.Tests.Notifications;

public class NotificationOptionsTests
{
    static NotificationOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddNotificationSender()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<NotificationOptions>>().Value;
    }

    [Fact]
    public void Without_settings_the_Svix_like_schedule_and_safe_defaults_apply()
    {
        var options = Resolve([]);

        Assert.Null(options.SigningSecret);
        Assert.Empty(options.RetryDelays);
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            options.EffectiveRetryDelays);
        Assert.False(options.AllowLoopbackHttp);
        Assert.Equal(TimeSpan.FromSeconds(15), options.AttemptTimeout);
    }

    [Fact]
    public void Configured_delays_replace_the_defaults_rather_than_append_to_them()
    {
        var options = Resolve(new()
        {
            ["Notifications:RetryDelays:0"] = "00:00:01",
            ["Notifications:RetryDelays:1"] = "00:01:00",
            ["Notifications:AllowLoopbackHttp"] = "true",
            ["Notifications:AttemptTimeout"] = "00:00:03",
        });

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)], options.EffectiveRetryDelays);
        Assert.True(options.AllowLoopbackHttp);
        Assert.Equal(TimeSpan.FromSeconds(3), options.AttemptTimeout);
    }

    [Fact]
    public void A_generated_secret_is_accepted()
    {
        var secret = NotificationSecret.Generate();

        Assert.Equal(secret, Resolve(new() { ["Notifications:SigningSecret"] = secret }).SigningSecret);
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw-no-prefix")]
    [InlineData("whsec_***not-base64-secret***")]
    [InlineData("whsec_c2hvcnQtc2VjcmV0")]
    public void A_malformed_secret_is_named_and_never_echoed(string secret)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Notifications:SigningSecret"] = secret }));

        Assert.Contains("Notifications:SigningSecret must be 'whsec_' followed by the base64 of at least 24 random bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_named()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:RetryDelays:0"] = "00:00:05",
            ["Notifications:RetryDelays:1"] = "-00:00:01",
            ["Notifications:AttemptTimeout"] = "00:00:00",
        };
        for (var index = 2; index <= NotificationOptions.MaxRetryDelays; index++)
        {
            settings[$"Notifications:RetryDelays:{index}"] = "00:01:00";
        }

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("Notifications:RetryDelays:1 must not be negative.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:RetryDelays may hold at most 20 delays.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Notifications:AttemptTimeout must be positive.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RetryDelays:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Twenty_delays_are_allowed()
    {
        var settings = Enumerable.Range(0, NotificationOptions.MaxRetryDelays)
            .ToDictionary(index => $"Notifications:RetryDelays:{index}", _ => (string?)"00:00:01");

        Assert.Equal(20, Resolve(settings).EffectiveRetryDelays.Count);
    }
}
