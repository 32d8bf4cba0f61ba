using Microsoft.Extensions.Logging;

namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>Log events of the credential repository: 6000–6099.</summary>
internal static partial class CredentialLog
{
    [LoggerMessage(6001, LogLevel.Information, "Credential store {DataSource}: schema migrated from version {From} to {To}.")]
    public static partial void SchemaMigrated(ILogger logger, string dataSource, int from, int to);

    [LoggerMessage(6002, LogLevel.Debug, "Credential store {DataSource}: schema is at version {Version}.")]
    public static partial void SchemaCurrent(ILogger logger, string dataSource, int version);

    [LoggerMessage(6003, LogLevel.Warning, "Unicode normalization is unavailable (globalization-invariant mode): usernames are unique ignoring case only, so visually equal names in other Unicode forms can both register.")]
    public static partial void UsernameNormalizationUnavailable(ILogger logger);
}
