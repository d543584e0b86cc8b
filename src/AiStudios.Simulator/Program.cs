using AiStudios.Simulator;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // Loopback unless told otherwise with --urls or ASPNETCORE_URLS.
    builder.WebHost.UseUrls("http://127.0.0.1:7080");
}

builder.Services.AddAiStudiosSimulator();
var app = builder.Build();
app.MapAiStudiosSimulator();
app.Run();
