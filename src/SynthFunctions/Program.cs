using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SynthFunctions.Core.DependencyInjection;
using SynthFunctions.Core.Telemetry;
using SynthFunctions.Http;
using SynthFunctions.Middleware;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();

if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddSynthTelemetry().UseFunctionsWorkerDefaults().UseAzureMonitorExporter();
}

builder.Services.AddSynthCore(builder.Configuration);
builder.Services.AddSynthDashboard();
builder.Services.AddProblemDetails();
builder.Build().Run();
