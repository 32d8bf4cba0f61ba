using System.Security.Claims;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Authorization;

/// <summary>
/// The caller proved a device bound to them: a self-issued token whose <c>device_id</c> names an unrevoked device of
/// its <c>sub</c>, as the credential store answered when the token was validated (<see cref="DeviceBinding"/>). The
/// claim alone is not enough — anyone holding the signing key can write any id — and an external issuer's
/// <c>device_id</c> is never read. A device revoked after the token was validated refuses the token at
/// authentication, before this is asked.
/// </summary>
internal sealed record KnownDeviceRequirement : IGatewayRequirement
{
    public string FailureCode => "device-required";

    public string Condition => "a device bound to the user (device_id in a gateway token)";

    /// <exception cref="CredentialStoreUnavailableException">
    /// The store could not be asked when the token was validated: the answer is 503, as for any request that needs the
    /// store, never an allow (and never a 403 that sends the client to prove a device it may well have).
    /// </exception>
    public bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now) => user is SelfIssuedPrincipal principal && principal.DeviceBinding switch
    {
        DeviceBinding.Bound => true,
        DeviceBinding.Unchecked => throw new CredentialStoreUnavailableException("The credential store could not be asked whether the token's device is bound."),
        _ => false,
    };
}
