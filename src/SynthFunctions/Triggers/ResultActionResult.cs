using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SynthFunctions.Http;

namespace SynthFunctions.Triggers;

/// <summary>Lets a Functions HTTP trigger return the same <see cref="IResult"/> the standalone host's routes return.</summary>
/// API answers carry the same security headers as there; a result may set its own (the dashboard's files do).
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.HttpContext.Response.Headers.ContainsKey(ContentSecurityPolicy.Header))
        {
            ContentSecurityPolicy.ApplyToApi(context.HttpContext.Response);
        }

        return result.ExecuteAsync(context.HttpContext);
    }
}
