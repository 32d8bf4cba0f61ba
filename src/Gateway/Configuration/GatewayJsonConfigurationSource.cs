using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace PasskeyGateway.Configuration;

/// <summary>
/// The config file as a JSON configuration source that reloads on change and records why a reload could not read it
/// (a half-written or invalid file), so the reload is refused with that reason instead of an empty configuration.
/// </summary>
internal sealed class GatewayJsonConfigurationSource : JsonConfigurationSource
{
    public GatewayJsonConfigurationSource(GatewayConfigFile file)
    {
        File = file;
        FileProvider = new PhysicalFileProvider(file.Directory);
        Path = System.IO.Path.GetFileName(file.FullPath);
        Optional = false;
        ReloadOnChange = true;

        // At startup an unreadable file stops the gateway; later, the monitor reports it and keeps the last good snapshot.
        OnLoadException = context => context.Ignore = Loaded;
    }

    public GatewayConfigFile File { get; }

    public bool Loaded { get; set; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    private sealed class Provider(GatewayJsonConfigurationSource source) : JsonConfigurationProvider(source)
    {
        public override void Load(Stream stream)
        {
            try
            {
                base.Load(stream);
                source.File.LastLoadError = null;
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidDataException)
            {
                source.File.LastLoadError = $"the file is not valid JSON: {e.Message}";
                throw;
            }
        }
    }
}
