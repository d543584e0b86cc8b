using Microsoft.DurableTask.Client;
using SynthFunctions.Core.DependencyInjection;
using SynthFunctions.Core.Jobs;
using SynthFunctions.Http;
using SynthFunctions.SelfHost;
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
builder.Services.AddSingleton(provider => provider.GetRequiredService<VideoJobsFactory>().Create(provider.GetRequiredService<DurableTaskClient>()));
builder.Services.AddHostedService<ScriptWatcher>();

var app = builder.Build();
app.MapVideoApi();
app.MapGet("/api/health", HealthEndpoint.CheckAsync);
await app.RunAsync();
