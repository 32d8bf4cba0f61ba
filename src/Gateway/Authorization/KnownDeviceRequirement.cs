using System.Security.Claims;
using PasskeyGateway.Authentication;

namespace PasskeyGateway.Authorization;

/// <summary>
/// The caller proved a bound device: a self-issued token carrying <c>device_id</c>. Authentication already refused the
/// token if that device was revoked, so a device that is no longer bound never gets here (DESIGN.md §10).
/// </summary>
internal sealed record KnownDeviceRequirement : IGatewayRequirement
{
    public string FailureCode => "device-required";

    public string Condition => "a bound device (device_id in a gateway token)";

    public bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now) =>
        user.Identity is { AuthenticationType: GatewayAuthenticationDefaults.SelfIssued }
        && !string.IsNullOrEmpty(user.FindFirst(GatewayClaimTypes.DeviceId)?.Value);
}
