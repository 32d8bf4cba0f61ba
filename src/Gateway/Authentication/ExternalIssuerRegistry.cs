using System.Collections.Frozen;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Authentication;

/// <summary>The configured external issuers, by their exact <c>iss</c>.</summary>
internal sealed class ExternalIssuerRegistry : IDisposable
{
    public const string HttpClientName = "external-issuers";

    private readonly FrozenDictionary<string, ExternalIssuer> _issuers;

    public ExternalIssuerRegistry(GatewayOptions options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger<ExternalIssuer>();
        _issuers = options.ExternalIssuers.ToFrozenDictionary(
            i => i.Issuer!,
            i => new ExternalIssuer(i, httpClientFactory.CreateClient(HttpClientName), timeProvider, TokenValidator.ClockSkew, logger),
            StringComparer.Ordinal);
    }

    public void Dispose()
    {
        foreach (var issuer in _issuers.Values)
        {
            issuer.Dispose();
        }
    }

    public ExternalIssuer? Find(string? issuer) => issuer is null ? null : _issuers.GetValueOrDefault(issuer);
}
