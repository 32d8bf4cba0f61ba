using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.Authentication;

/// <summary>
/// <c>exp</c>/<c>nbf</c> checked against the injected clock (IdentityModel reads the system clock), throwing the
/// library's own exceptions so an expired token and a not-yet-valid one stay distinguishable.
/// </summary>
internal static class LifetimeValidation
{
    public static LifetimeValidator Create(TimeProvider timeProvider, TimeSpan clockSkew) => (notBefore, expires, _, _) =>
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } nbf && nbf > now + clockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        if (exp < now - clockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        return true;
    };
}
