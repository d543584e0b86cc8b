namespace AiStudios.Simulator;

/// <summary>How the simulator behaves. Bound from the <c>Simulator</c> section (<c>Simulator__ApiKey</c> in the environment).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The key a caller must send as the raw <c>Authorization</c> header unless configured otherwise.</summary>
    public const string DefaultApiKey = "simulator-api-key";

    /// <summary>The template every simulator has, so a template export works out of the box.</summary>
    public const string DemoTemplateKey = "demo-template";

    /// <summary>The V3 AppId a caller must send to <c>POST /api/odin/v3/auth/token</c> unless configured otherwise.</summary>
    public const string DefaultAppId = "simulator-app-id";

    /// <summary>The V3 UserKey a caller must send with <see cref="DefaultAppId"/> unless configured otherwise.</summary>
    public const string DefaultUserKey = "simulator-user-key";

    /// <summary>How long V3 access tokens are honoured unless configured otherwise: a day, as documented.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>The V3 template project every simulator has (24-hex, like a real project id), for edit-and-export.</summary>
    public const string DemoTemplateProjectId = "66a0de3000000000000000d1";

    public string ApiKey { get; set; } = DefaultApiKey;

    public string AppId { get; set; } = DefaultAppId;

    public string UserKey { get; set; } = DefaultUserKey;

    /// <summary>How long a V3 access token is honoured after it was issued.</summary>
    public TimeSpan TokenLifetime { get; set; } = DefaultTokenLifetime;

    /// <summary>How long a render takes from export to 100%. Real renders take 1 to 10 minutes.</summary>
    public TimeSpan RenderTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Answer in the tutorials' <c>data</c> envelope (default) or the reference tables' flat shape.</summary>
    public ResponseEnvelope Envelope { get; set; } = ResponseEnvelope.Data;

    /// <summary>When set, finished-video URLs stop working this long after the render finishes.</summary>
    public TimeSpan? VideoUrlLifetime { get; set; }

    /// <summary>A folder to keep projects and call counts in, so they survive a restart. None keeps them in memory.</summary>
    public string? DataPath { get; set; }

    /// <summary>Seed for the random fault decisions, for runs that must repeat exactly.</summary>
    public int? Seed { get; set; }

    public SimulatorWebhookOptions Webhook { get; set; } = new();

    public SimulatorFaultOptions Faults { get; set; } = new();
}

public enum ResponseEnvelope
{
    /// <summary><c>{"success":true,"data":{"key":…}}</c>, as DeepBrain's tutorials read responses.</summary>
    Data,

    /// <summary><c>{"success":true,"key":…}</c>, as the reference tables list fields.</summary>
    Flat,
}

/// <summary>How renders are reported to the <c>webhook</c> (classic) or <c>webhookUrl</c> (V3) of an export.</summary>
public sealed class SimulatorWebhookOptions
{
    /// <summary>Classic callbacks: GET (default; the docs show only a URL with query parameters) or POST.</summary>
    public string Method { get; set; } = "GET";

    /// <summary>How V3 callbacks carry their fields; the docs do not say.</summary>
    public V3CallbackFormat V3Format { get; set; } = V3CallbackFormat.Json;

    /// <summary>V3 only: a progress callback each time a render passes a multiple of this percent (25: at 25, 50, 75). 0 sends only the final one.</summary>
    public double ProgressStep { get; set; }

    /// <summary>Extra time between the render finishing and the callback.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Share of callbacks sent twice (0 to 1).</summary>
    public double DuplicateRate { get; set; }

    /// <summary>Share of callbacks never sent (0 to 1).</summary>
    public double LossRate { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Faults injected at random into API calls (rates from 0 to 1). Per-request markers are in README.md.</summary>
public sealed class SimulatorFaultOptions
{
    /// <summary>Share of API calls answered 429 with <see cref="RetryAfter"/>.</summary>
    public double RateLimitRate { get; set; }

    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of API calls answered with <see cref="ServerErrorStatus"/> (before any work is done).</summary>
    public double ServerErrorRate { get; set; }

    public int ServerErrorStatus { get; set; } = 503;

    /// <summary>Share of API calls answered only after <see cref="SlowResponseDelay"/>.</summary>
    public double SlowResponseRate { get; set; }

    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of renders that stop at <see cref="StuckAt"/> percent and never finish.</summary>
    public double StuckRate { get; set; }

    public double StuckAt { get; set; } = 50;

    /// <summary>Share of exports refused with <c>success:false</c>.</summary>
    public double RejectRate { get; set; }

    /// <summary>Share of exports that create the project (which renders) and then answer 500.</summary>
    public double FailAfterAcceptRate { get; set; }

    /// <summary>Share of exports that create the project (which renders) and then drop the connection without an answer.</summary>
    public double DropAfterAcceptRate { get; set; }

    /// <summary>With <see cref="RateLimitStormDuration"/>: every this often, all API calls get 429 for a while (halfway through each period).</summary>
    public TimeSpan? RateLimitStormEvery { get; set; }

    public TimeSpan RateLimitStormDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>With <see cref="OutageDuration"/>: every this often, all API calls fail with 503 for a while (a 5xx burst).</summary>
    public TimeSpan? OutageEvery { get; set; }

    public TimeSpan OutageDuration { get; set; } = TimeSpan.FromSeconds(5);
}
