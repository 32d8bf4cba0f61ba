using Microsoft.Extensions.Configuration;

namespace PasskeyGateway.Configuration;

/// <summary>Turns configuration keys (<c>Gateway:ExternalIssuers:0:Issuer</c>) into JSON paths (<c>Gateway.ExternalIssuers[0].Issuer</c>).</summary>
internal static class ConfigPath
{
    public static string Of(IConfigurationSection section) => Format(section.Path);

    public static string Format(string configurationPath)
    {
        var parts = configurationPath.Split(ConfigurationPath.KeyDelimiter);
        var builder = new System.Text.StringBuilder(configurationPath.Length + 8);
        foreach (var part in parts)
        {
            if (part.Length > 0 && part.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(part).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(part);
            }
        }

        return builder.ToString();
    }

    public static string Child(string path, string key) => $"{path}.{key}";
}
