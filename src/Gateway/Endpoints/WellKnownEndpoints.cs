using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Endpoints;

/// <summary><c>/.well-known/jwks.json</c> and <c>/.well-known/openid-configuration</c>, anonymous and cacheable.</summary>
internal static class WellKnownEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    public static IEndpointRouteBuilder MapWellKnownEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(JwksPath, (HttpContext context, SigningKeyRing keys) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Bytes(keys.JwksJson, "application/json");
        })
            .AllowAnonymous()
            .WithName("getJwks")
            .WithTags("Discovery")
            .WithSummary("The public keys of the gateway's tokens and assertions, as an RFC 7517 JWK Set (kid: RFC 7638 thumbprint).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");

        endpoints.MapGet(DiscoveryPath, (HttpContext context, GatewayOptions options, SigningKeyRing keys) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            var origin = options.PublicOrigin!.GetLeftPart(UriPartial.Authority);
            var document = new OpenIdConfiguration(
                options.Tokens.Issuer,
                origin + JwksPath,
                keys.Algorithms,
                ["public"],
                [],
                [
                    GatewayClaimTypes.Subject, GatewayClaimTypes.PreferredUsername, GatewayClaimTypes.SessionId,
                    GatewayClaimTypes.AuthTime, GatewayClaimTypes.AuthenticationMethods, GatewayClaimTypes.AuthMethod,
                    GatewayClaimTypes.CredentialId, GatewayClaimTypes.DeviceId, GatewayClaimTypes.UserVerified,
                ]);
            return Results.Json(document, GatewayJsonContext.Default.OpenIdConfiguration);
        })
            .AllowAnonymous()
            .WithName("getOpenIdConfiguration")
            .WithTags("Discovery")
            .WithSummary("Issuer metadata (OpenID Connect Discovery) for backends that verify the gateway's tokens themselves.")
            .Produces<OpenIdConfiguration>();

        return endpoints;
    }
}
