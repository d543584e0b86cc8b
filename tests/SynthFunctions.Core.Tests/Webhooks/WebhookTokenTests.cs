using SynthFunctions.Core.Webhooks;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Webhooks;

public class WebhookTokenTests
{
    static WebhookTokens Tokens(string? key) => new(new FixedOptionsMonitor<WebhookOptions>(new WebhookOptions { SigningKey = key }));

    const string Key = "0123456789abcdef0123456789abcdef-signing";

    [Fact]
    public void A_token_is_tied_to_its_job_and_key_and_stable_across_instances()
    {
        var token = Tokens(Key).Create("http-1");

        Assert.Equal(token, Tokens(Key).Create("http-1"));
        Assert.True(Tokens(Key).IsValid("http-1", token));
        Assert.False(Tokens(Key).IsValid("http-2", token));
        Assert.False(Tokens(Key + "x").IsValid("http-1", token));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-token")]
    public void Missing_or_wrong_tokens_are_refused(string? token) => Assert.False(Tokens(Key).IsValid("http-1", token));

    [Fact]
    public void Without_a_signing_key_every_token_is_refused_and_no_url_is_made()
    {
        var tokens = Tokens(null);
        var urls = new WebhookUrls(new FixedOptionsMonitor<WebhookOptions>(new WebhookOptions { PublicBaseUrl = new Uri("https://app.example") }), tokens);

        Assert.False(tokens.IsValid("http-1", "anything"));
        Assert.Null(urls.For("http-1"));
    }

    [Fact]
    public void The_callback_url_names_the_job_and_carries_its_token()
    {
        var options = new FixedOptionsMonitor<WebhookOptions>(new WebhookOptions { PublicBaseUrl = new Uri("https://app.example/"), SigningKey = Key });
        var tokens = new WebhookTokens(options);

        var url = new WebhookUrls(options, tokens).For("http-1");

        Assert.Equal($"https://app.example/api/webhooks/aistudios/http-1?token={tokens.Create("http-1")}", url!.AbsoluteUri);
    }
}
