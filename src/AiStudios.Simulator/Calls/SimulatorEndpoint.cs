namespace AiStudios.Simulator.Calls;

/// <summary>Names under which calls are counted.</summary>
public static class SimulatorEndpoint
{
    public const string Export = "export";
    public const string TemplateExport = "templateExport";
    public const string Progress = "progress";
    public const string GetProject = "getProject";
    public const string ProjectByName = "projectByName";
    public const string Video = "video";

    /// <summary>V3 token issuance: per session, not per video; it concerns no project.</summary>
    public const string V3Token = "v3Token";
    public const string V3AuthCheck = "v3AuthCheck";
    public const string V3CreateProject = "v3CreateProject";
    public const string V3EditProject = "v3EditProject";
    public const string V3ExportProject = "v3ExportProject";
    public const string V3SimpleVideo = "v3SimpleVideo";
    public const string V3Progress = "v3Progress";
    public const string V3GetProject = "v3GetProject";
    public const string V3ListProjects = "v3ListProjects";
    public const string V3DeleteProjects = "v3DeleteProjects";
    public const string V3Models = "v3Models";
}
