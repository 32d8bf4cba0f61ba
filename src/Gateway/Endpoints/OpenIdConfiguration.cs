using System.Text.Json.Serialization;

namespace PasskeyGateway.Endpoints;

/// <summary>
/// Issuer metadata for backends that verify the gateway's tokens (or its assertions) themselves: enough of
/// OpenID Connect Discovery 1.0 §3 for JWT libraries to find the keys.
/// </summary>
internal sealed record OpenIdConfiguration(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms,
    [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypes,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypes,
    [property: JsonPropertyName("claims_supported")] IReadOnlyList<string> Claims);
