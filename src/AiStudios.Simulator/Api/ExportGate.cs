using AiStudios.Simulator.Calls;
using AiStudios.Simulator.Faults;
using AiStudios.Simulator.Projects;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AiStudios.Simulator.Api;

/// <summary>
/// The steps every export shares on both APIs (classic export and template export; V3 create, edit, export and
/// simple video): attempts counted by name and the markers that refuse them, rejection, and the faults that strike
/// after the project was accepted. Failures answer in the shape of the endpoint's API.
/// </summary>
internal sealed class ExportGate(
    CallLedger ledger,
    FaultInjector faults,
    RenderStarter renders,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime)
{
    /// <summary>
    /// Counts this attempt under <paramref name="name"/>; answers the refusal <c>sim:429=N</c> or <c>sim:503=N</c>
    /// asks for, or waits out <c>sim:slow</c>. Null: go on.
    /// </summary>
    public async Task<IResult?> AdmitAsync(HttpContext http, string? name, RequestDirectives directives)
    {
        var api = EndpointApi.Of(http);
        var attempt = 1;
        if (name is not null)
        {
            attempt = ledger.ExportAttempts(name) + 1;
            http.Features.GetRequiredFeature<CallInProgress>().ExportName = name;
        }

        if (attempt <= directives.RateLimitedAttempts)
        {
            return ApiResponses.RateLimited(api, options.CurrentValue.Faults.RetryAfter);
        }

        if (attempt <= directives.UnavailableAttempts)
        {
            return ApiResponses.Failure(api, "service unavailable (sim:503)", StatusCodes.Status503ServiceUnavailable);
        }

        if (directives.SlowBy is { } slow)
        {
            // The export goes on if its caller hangs up meanwhile, as on a real server; only the simulator's shutdown ends it.
            await Task.Delay(slow, time, lifetime.ApplicationStopping);
        }

        return null;
    }

    /// <summary>
    /// The refusal <c>sim:reject</c> or the configured reject rate asks for, or null. Classic answers 200 with
    /// <c>success:false</c>, as before; V3 answers 422 (a refusal that retrying will not change).
    /// </summary>
    public IResult? Reject(HttpContext http, RequestDirectives directives)
    {
        if (!directives.Reject && !faults.Chance(options.CurrentValue.Faults.RejectRate))
        {
            return null;
        }

        const string message = "project rejected by the simulator (sim:reject)";
        return EndpointApi.Of(http) == StudioApi.V3
            ? ApiResponses.V3Failure(message, StatusCodes.Status422UnprocessableEntity)
            : ApiResponses.Failure(message);
    }

    /// <summary>
    /// Saves <paramref name="project"/> (rendering unless it is a draft), then answers <paramref name="success"/>
    /// unless an after-accept fault is due: the connection dropped, or a 500. Either way the project exists and renders.
    /// <c>sim:hold-after-accept</c> holds whichever answer it is.
    /// </summary>
    public IResult Accept(HttpContext http, SimulatedProject project, RequestDirectives directives, IResult success)
    {
        renders.Save(project);
        http.Features.GetRequiredFeature<CallInProgress>().Concerns(project.Key);
        var answer = AnswerAfterAccept(http, directives, success);
        // Timed from the acceptance, not from when the answer starts to be written.
        return directives.HoldAfterAccept is { } hold ? ApiResponses.Held(answer, time.GetUtcNow() + hold, time) : answer;
    }

    IResult AnswerAfterAccept(HttpContext http, RequestDirectives directives, IResult success)
    {
        var settings = options.CurrentValue.Faults;
        if (directives.DropAfterAccept || faults.Chance(settings.DropAfterAcceptRate))
        {
            return ApiResponses.Dropped;
        }

        if (directives.FailAfterAccept || faults.Chance(settings.FailAfterAcceptRate))
        {
            return ApiResponses.Failure(EndpointApi.Of(http), "internal error after the project was created (sim:500-after-accept)", StatusCodes.Status500InternalServerError);
        }

        return success;
    }
}
