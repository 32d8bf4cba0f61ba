using System.Collections.Frozen;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Authentication;

/// <summary>
/// An OpenID Connect issuer whose tokens the gateway accepts: discovery document, then JWKS, refreshed after
/// <see cref="ExternalIssuerOptions.KeyRefreshInterval"/>. A token whose <c>kid</c> is unknown triggers one
/// synchronous refetch, at most one per 2 s per issuer, and is validated against the fresh keys (DESIGN.md §10).
/// </summary>
internal sealed partial class ExternalIssuer(
    ExternalIssuerOptions options,
    HttpClient httpClient,
    TimeProvider timeProvider,
    TimeSpan clockSkew,
    ILogger logger) : IDisposable
{
    public static readonly TimeSpan MinimumRefetchInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _fetchLock = new(1, 1);
    private readonly Uri _metadataAddress = options.MetadataAddress
        ?? new Uri(options.Issuer!.TrimEnd('/') + "/.well-known/openid-configuration");

    private ExternalIssuerKeys? _keys;
    private DateTimeOffset _lastFetchAttempt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUnknownKeyFetch = DateTimeOffset.MinValue;

    public string Issuer => options.Issuer!;

    public void Dispose() => _fetchLock.Dispose();

    public bool AllowsAlgorithm(string algorithm) => options.Algorithms.Contains(algorithm, StringComparer.Ordinal);

    /// <summary>The validation parameters holding the key named <paramref name="keyId"/>, or <c>null</c>.</summary>
    public async ValueTask<TokenValidationParameters?> GetParametersForKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = Volatile.Read(ref _keys);
        if (keys is null || timeProvider.GetUtcNow() - keys.FetchedAt > options.KeyRefreshInterval)
        {
            keys = await FetchAsync(keys, unknownKey: false, cancellationToken) ?? keys;
        }

        if (keys is not null && keys.Keys.ContainsKey(keyId))
        {
            return keys.Parameters;
        }

        // Unknown kid: the issuer may have rotated its keys since the last fetch.
        keys = await FetchAsync(keys, unknownKey: true, cancellationToken) ?? keys;
        return keys is not null && keys.Keys.ContainsKey(keyId) ? keys.Parameters : null;
    }

    /// <summary>
    /// Fetches the keys unless another request just did. Refetches for an unknown kid are limited to one per
    /// <see cref="MinimumRefetchInterval"/>, so tokens with made-up kids cannot make the gateway hammer the issuer;
    /// a failed fetch is not retried sooner either.
    /// </summary>
    private async ValueTask<ExternalIssuerKeys?> FetchAsync(ExternalIssuerKeys? seen, bool unknownKey, CancellationToken cancellationToken)
    {
        await _fetchLock.WaitAsync(cancellationToken);
        try
        {
            var current = Volatile.Read(ref _keys);
            if (!ReferenceEquals(current, seen))
            {
                // Another request fetched while this one waited.
                return current;
            }

            var now = timeProvider.GetUtcNow();
            var last = unknownKey ? _lastUnknownKeyFetch : _lastFetchAttempt;
            if (now - last < MinimumRefetchInterval)
            {
                return current;
            }

            _lastFetchAttempt = now;
            if (unknownKey)
            {
                _lastUnknownKeyFetch = now;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FetchTimeout);
            var fetched = await DownloadAsync(timeout.Token);
            Volatile.Write(ref _keys, fetched);
            Log.KeysFetched(logger, Issuer, fetched.Keys.Count);
            return fetched;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            Log.FetchFailed(logger, Issuer, e.GetType().Name, e.Message);
            return null;
        }
        finally
        {
            _fetchLock.Release();
        }
    }

    private async Task<ExternalIssuerKeys> DownloadAsync(CancellationToken cancellationToken)
    {
        var discovery = OpenIdConnectConfiguration.Create(await GetStringAsync(_metadataAddress, cancellationToken));
        if (!string.Equals(discovery.Issuer, options.Issuer, StringComparison.Ordinal))
        {
            // OpenID Connect Discovery 1.0 §4.3: the issuer in the document must be the one configured.
            throw new InvalidOperationException($"the discovery document names issuer '{discovery.Issuer}'.");
        }

        if (!Uri.TryCreate(discovery.JwksUri, UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidOperationException("the discovery document has no absolute jwks_uri.");
        }

        var jwks = new JsonWebKeySet(await GetStringAsync(jwksUri, cancellationToken)) { SkipUnresolvedJsonWebKeys = true };
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in jwks.GetSigningKeys())
        {
            // Symmetric keys have no place in a public JWKS; accepting one would allow HMAC forgeries.
            if (key is AsymmetricSecurityKey or JsonWebKey { Kty: "RSA" or "EC" } && !string.IsNullOrEmpty(key.KeyId))
            {
                keys[key.KeyId] = key;
            }
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudiences = options.Audiences,
            ValidAlgorithms = options.Algorithms,
            IssuerSigningKeys = keys.Values,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = clockSkew,
            LifetimeValidator = LifetimeValidation.Create(timeProvider, clockSkew),
            AuthenticationType = GatewayAuthenticationDefaults.External,
            NameClaimType = GatewayClaimTypes.Subject,
            RoleClaimType = GatewayClaimTypes.Role,
            LogValidationExceptions = false,
        };
        return new ExternalIssuerKeys(keys.ToFrozenDictionary(StringComparer.Ordinal), parameters, timeProvider.GetUtcNow());
    }

    private async Task<string> GetStringAsync(Uri address, CancellationToken cancellationToken)
    {
        if (options.RequireHttpsMetadata && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"'{address}' is not https.");
        }

        using var response = await httpClient.GetAsync(address, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(2101, LogLevel.Information, "Fetched {Count} signing key(s) of external issuer {Issuer}.")]
        public static partial void KeysFetched(ILogger logger, string issuer, int count);

        [LoggerMessage(2102, LogLevel.Warning, "Fetching the keys of external issuer {Issuer} failed ({ErrorType}: {Error}); keeping the previous keys.")]
        public static partial void FetchFailed(ILogger logger, string issuer, string errorType, string error);
    }
}
