using PasskeyGateway.Ceremonies;

namespace PasskeyGateway.Authentication;

/// <summary>What the "Gateway" scheme found, as the gateway's own endpoints need it.</summary>
internal static class GatewayIdentity
{
    /// <summary>The signed-in user, when the token is the gateway's own (an external issuer's token is not a gateway account).</summary>
    public static string? SelfIssuedUserId(this HttpContext context) =>
        context.Features.Get<GatewayAuthenticationFeature>()?.Token?.RevocationKeys?.Subject;

    /// <summary>The caller's session, when the token is the gateway's own and names one.</summary>
    public static CeremonySession? GatewaySession(this HttpContext context) =>
        context.Features.Get<GatewayAuthenticationFeature>()?.Token is { RevocationKeys: { SessionId: { Length: > 0 } sessionId } keys }
            ? new CeremonySession(keys.Subject, sessionId)
            : null;
}
