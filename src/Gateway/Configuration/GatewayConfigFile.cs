namespace PasskeyGateway.Configuration;

/// <summary>
/// The configuration file the gateway runs from: <c>--config</c>, else <c>GATEWAY_CONFIG</c>, else
/// <c>config/gateway.json</c> (DESIGN.md §10). Relative paths inside it resolve against its folder.
/// </summary>
public sealed class GatewayConfigFile
{
    public const string EnvironmentVariable = "GATEWAY_CONFIG";
    public const string DefaultPath = "config/gateway.json";

    private GatewayConfigFile(string path)
    {
        FullPath = path;
        Directory = System.IO.Path.GetDirectoryName(path)!;
    }

    public string FullPath { get; }

    public string Directory { get; }

    /// <summary>Set when the last reload found the file unreadable (half-written, invalid JSON).</summary>
    public string? LastLoadError { get; internal set; }

    public static GatewayConfigFile Locate(string? commandLinePath)
    {
        var path = commandLinePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            path = DefaultPath;
        }

        return new GatewayConfigFile(System.IO.Path.GetFullPath(path));
    }

    /// <summary>Resolves a path from the configuration against the config file's folder.</summary>
    public string Resolve(string path) => System.IO.Path.GetFullPath(path, Directory);
}
