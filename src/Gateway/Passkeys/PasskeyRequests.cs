using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasskeyGateway.Passkeys;

/// <summary>The body of <c>POST …/passkeys/registration/options</c>.</summary>
internal sealed record RegistrationOptionsRequest(string? Username, string? DisplayName);

/// <summary>The body of <c>POST …/passkeys/authentication/options</c>: a username, or nothing (usernameless, autofill).</summary>
internal sealed record AuthenticationOptionsRequest(string? Username);

/// <summary>The answer of a registration that added a passkey to the signed-in account.</summary>
internal sealed record PasskeyAddedAnswer(string CredentialId, Endpoints.UserSummary User);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(Endpoints.UtcTimestampConverter)], DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistrationOptionsRequest))]
[JsonSerializable(typeof(AuthenticationOptionsRequest))]
[JsonSerializable(typeof(PasskeyAddedAnswer))]
[JsonSerializable(typeof(Sessions.SignInAnswer))]
internal sealed partial class PasskeyJsonContext : JsonSerializerContext;
