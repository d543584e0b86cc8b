using System.Globalization;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using SynthFunctions.Core.Notifications;
using SynthFunctions.Testing;

namespace SynthFunctions.Core.Tests.Notifications;

public class NotificationSignerTests
{
    static NotificationSigner Signer(string? secret) =>
        new(new FixedOptionsMonitor<NotificationOptions>(new NotificationOptions { SigningSecret = secret }));

    [Fact]
    public void The_signature_matches_the_Standard_Webhooks_reference_vector()
    {
        // The vector of the spec's reference libraries' tests (standard-webhooks/standard-webhooks).
        var headers = Signer("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330), """{"test": 2432232314}""");

        Assert.Equal(new NotificationHeaders("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), headers);
    }

    [Fact]
    public void An_independent_implementation_of_the_spec_verifies_the_signature_and_rejects_any_change()
    {
        var secret = NotificationSecret.Generate();
        const string Body = """{"type":"video.completed","data":{"name":"Grüße, 世界"}}""";
        var at = DateTimeOffset.Parse("2026-11-20T10:15:30Z", CultureInfo.InvariantCulture);

        var headers = Signer(secret).Sign("job-42.video.completed", at, Body);

        Assert.Equal(at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), headers.Timestamp);
        Assert.StartsWith("v1,", headers.Signature, StringComparison.Ordinal);
        Assert.True(SpecSignature.IsValid(secret, headers.Id, headers.Timestamp, Body, headers.Signature));
        Assert.False(SpecSignature.IsValid(secret, headers.Id, headers.Timestamp, Body + " ", headers.Signature));
        Assert.False(SpecSignature.IsValid(secret, "job-43.video.completed", headers.Timestamp, Body, headers.Signature));
        Assert.False(SpecSignature.IsValid(secret, headers.Id, (at.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture), Body, headers.Signature));
        Assert.False(SpecSignature.IsValid(NotificationSecret.Generate(), headers.Id, headers.Timestamp, Body, headers.Signature));
    }

    [Fact]
    public void The_packages_own_verifier_accepts_the_headers_and_rejects_a_changed_body()
    {
        var secret = NotificationSecret.Generate();
        const string Body = """{"type":"batch.completed"}""";
        var headers = Signer(secret).Sign("msg_1", DateTimeOffset.UtcNow, Body);
        var received = new HeaderDictionary
        {
            [NotificationHeaders.IdHeader] = headers.Id,
            [NotificationHeaders.TimestampHeader] = headers.Timestamp,
            [NotificationHeaders.SignatureHeader] = headers.Signature,
        };

        new StandardWebhook(secret).Verify(Body, received);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(Body.Replace("batch", "video", StringComparison.Ordinal), received));
    }

    [Fact]
    public void A_generated_secret_is_whsec_and_32_random_bytes()
    {
        var first = NotificationSecret.Generate();
        var second = NotificationSecret.Generate();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first["whsec_".Length..]).Length);
        Assert.True(NotificationSecret.IsWellFormed(first));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")]
    public void Secrets_without_the_prefix_or_a_24_byte_key_are_not_well_formed(string? secret) =>
        Assert.False(NotificationSecret.IsWellFormed(secret));

    [Fact]
    public void Signing_without_a_secret_names_the_missing_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Signer(null).Sign("msg_1", DateTimeOffset.UtcNow, "{}"));

        Assert.Contains("Notifications:SigningSecret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("msg 1")]
    [InlineData("msg_1\r\nx-injected: 1")]
    public void An_id_that_could_break_the_header_is_refused(string id) =>
        Assert.Throws<ArgumentException>(() => Signer(NotificationSecret.Generate()).Sign(id, DateTimeOffset.UtcNow, "{}"));
}
