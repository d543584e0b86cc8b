namespace AiStudios.Simulator;

/// <summary>How a V3 callback carries <c>progress</c>, <c>backendTaskId</c>, <c>credit</c> and <c>download_url</c>.</summary>
public enum V3CallbackFormat
{
    /// <summary>POST with a JSON body.</summary>
    Json,

    /// <summary>POST with an <c>application/x-www-form-urlencoded</c> body.</summary>
    Form,

    /// <summary>GET with the fields appended to the URL's query.</summary>
    Query,
}
