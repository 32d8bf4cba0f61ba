using System.Text.Json.Serialization;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>
/// What a passkey ceremony remembers between its options and its verification, kept with the challenge. The options
/// themselves are rebuilt from it: they are a function of this state, the settings and the challenge.
/// </summary>
internal sealed record PasskeyCeremonyState
{
    /// <summary>The account: the one being created, the signed-in one adding a passkey, or the username-first sign-in's.</summary>
    public string? UserId { get; init; }

    /// <summary>Registration only: the account does not exist yet and is created when the passkey verifies.</summary>
    public bool CreatesAccount { get; init; }

    public string? Username { get; init; }

    public string? DisplayName { get; init; }

    public byte[]? UserHandle { get; init; }

    /// <summary>Enrollment only: the SHA-256 of the link's token, which the finish must present again.</summary>
    public byte[]? EnrollmentLinkHash { get; init; }

    /// <summary>
    /// Sign-in only: the gateway session that asked to be re-authenticated (step-up), as its token named it when the
    /// options were asked for. Only that session, still presented at the finish, can be raised by the answer.
    /// </summary>
    public CeremonySession? Reauthenticates { get; init; }
}

[JsonSerializable(typeof(PasskeyCeremonyState))]
internal sealed partial class PasskeyStateJsonContext : JsonSerializerContext;
