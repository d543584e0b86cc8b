using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SynthFunctions.Core.Contracts;
using SynthFunctions.Http;

namespace SynthFunctions.Triggers;

/// <summary>
/// The dashboard's static files. Anonymous, because it serves only the files embedded in the app and no data: the page
/// asks for the function key and sends it with every data call, which the API's function-level triggers require.
/// </summary>
public sealed class Dashboard(DashboardFiles files)
{
    [Function(nameof(Dashboard))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Dashboard)] HttpRequest request,
        string? file) =>
        new ResultActionResult(files.Serve(file, request.HttpContext.Response));
}
