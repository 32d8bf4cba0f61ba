using PasskeyGateway.Headers;

namespace PasskeyGateway.Configuration;

/// <summary>
/// Fills the defaults that depend on other settings (issuer and relying party from the public origin, cookie name
/// from <c>Secure</c>) and turns every relative path into an absolute one (DESIGN.md §10), so nothing downstream
/// has to know where the config file lives.
/// </summary>
internal static class GatewayOptionsNormalizer
{
    public static GatewayOptions Normalize(GatewayOptions options, GatewayConfigFile file)
    {
        var origin = options.PublicOrigin is { } publicOrigin ? publicOrigin.GetLeftPart(UriPartial.Authority) : "";
        var rpId = options.RelyingParty.Id.Length > 0 ? options.RelyingParty.Id : options.PublicOrigin?.Host ?? "";
        var rpOrigins = options.RelyingParty.Origins.Count > 0 ? options.RelyingParty.Origins : (origin.Length > 0 ? [origin] : []);
        var dataDirectory = file.Resolve(options.DataDirectory.Length > 0 ? options.DataDirectory : "data");
        var cookieName = options.Session.CookieName.Length > 0
            ? options.Session.CookieName
            : options.Session.Secure ? SessionOptions.DefaultCookieName : "gateway";

        return options with
        {
            PathPrefix = options.PathPrefix.TrimEnd('/'),
            RelyingParty = options.RelyingParty with
            {
                Id = rpId,
                Name = options.RelyingParty.Name.Length > 0 ? options.RelyingParty.Name : rpId,
                Origins = rpOrigins,
            },
            Tokens = options.Tokens with
            {
                Issuer = options.Tokens.Issuer.Length > 0 ? options.Tokens.Issuer : origin,
                SigningKeys = [.. options.Tokens.SigningKeys.Select(k => k with { Path = k.Path is { Length: > 0 } p ? file.Resolve(p) : k.Path })],
            },
            Session = options.Session with { CookieName = cookieName },
            Passkeys = options.Passkeys with
            {
                MetadataBlob = ResolveOptional(file, options.Passkeys.MetadataBlob),
                MetadataRoot = ResolveOptional(file, options.Passkeys.MetadataRoot),
            },
            Devices = options.Devices with { Origins = options.Devices.Origins.Count > 0 ? options.Devices.Origins : rpOrigins },
            IdentityHeaders = options.IdentityHeaders ?? IdentityHeaderDefaults.Map,
            DataDirectory = dataDirectory,
            Store = options.Store with { ConnectionString = ResolveStore(options.Store, dataDirectory) },
            Pages = options.Pages with
            {
                LogoPath = ResolveOptional(file, options.Pages.LogoPath),
                StylesheetPath = ResolveOptional(file, options.Pages.StylesheetPath),
            },
        };
    }

    /// <summary>DESIGN.md §10: a relative SQLite <c>Data Source</c> resolves against the data directory.</summary>
    private static string ResolveStore(StoreOptions store, string dataDirectory)
    {
        if (store.Provider != StoreProvider.Sqlite)
        {
            return store.ConnectionString;
        }

        try
        {
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(store.ConnectionString);
            if (!string.IsNullOrEmpty(builder.DataSource) && !Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
            {
                builder.DataSource = Path.GetFullPath(builder.DataSource, dataDirectory);
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Reported by the validator, which parses it again.
            return store.ConnectionString;
        }
    }

    private static string? ResolveOptional(GatewayConfigFile file, string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : file.Resolve(path);
}
