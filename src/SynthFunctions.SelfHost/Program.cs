using Microsoft.DurableTask.Client;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SynthFunctions.Core.Batches;
using SynthFunctions.Core.DependencyInjection;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Core.Telemetry;
using SynthFunctions.Http;
using SynthFunctions.Local;
using SynthFunctions.SelfHost.Durable;
using SynthFunctions.SelfHost.Local;
using SynthFunctions.SelfHost.Scripts;

// appsettings.json ships beside the assembly; without this, `dotnet run --project` from the repository root would miss it.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var urls = builder.Configuration["urls"];
if (string.IsNullOrWhiteSpace(urls))
{
    // The port func start uses, so docs and clients work against either host.
    urls = SelfHostOptions.DefaultUrl;
    builder.WebHost.UseUrls(urls);
}

LocalEnvironment local;
using (var bootstrap = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole()))
{
    local = await LocalEnvironment.PrepareAsync(
        builder.Configuration, builder.Environment.ContentRootPath, LoopbackAddress.Of(urls), bootstrap.CreateLogger<LocalEnvironment>(), CancellationToken.None);
}

await using var embedded = local;
builder.Configuration.AddInMemoryCollection(local.Settings);
builder.Services.AddSingleton(local);
builder.Services.AddHostedService(provider => provider.GetRequiredService<LocalEnvironment>());

builder.Services.Configure<SelfHostOptions>(builder.Configuration.GetSection(SelfHostOptions.SectionName));
builder.Services.AddSynthCore(builder.Configuration);
builder.Services.AddDurableEngine();
builder.Services.AddSingleton(provider => provider.GetRequiredService<JobServiceFactory>().Create(provider.GetRequiredService<DurableTaskClient>()));
builder.Services.AddSingleton(provider => provider.GetRequiredService<BatchServiceFactory>().Create(provider.GetRequiredService<DurableTaskClient>()));
builder.Services.AddHostedService<ScriptWatcher>();
builder.Services.AddSynthDashboard();
builder.Services.AddProblemDetails();

// Exported only where an OTLP collector is named (the standard variable; the protocol from OTEL_EXPORTER_OTLP_PROTOCOL).
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    builder.Services.AddSynthTelemetry().WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()).UseOtlpExporter();
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapSynthApi();
app.MapSynthDashboard();
await app.RunAsync();
