using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SynthFunctions.Triggers;

/// <summary>Lets a Functions HTTP trigger return the same <see cref="IResult"/> the standalone host's routes return.</summary>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
