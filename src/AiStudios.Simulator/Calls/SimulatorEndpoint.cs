namespace AiStudios.Simulator.Calls;

/// <summary>Names under which calls are counted.</summary>
public static class SimulatorEndpoint
{
    public const string Export = "export";
    public const string TemplateExport = "templateExport";
    public const string Progress = "progress";
    public const string GetProject = "getProject";
    public const string Video = "video";
}
