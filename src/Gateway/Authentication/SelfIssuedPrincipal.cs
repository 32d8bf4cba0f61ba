using System.Security.Claims;

namespace PasskeyGateway.Authentication;

/// <summary>
/// The principal of a token the gateway minted, with what its validation learned beyond the claims: whether its
/// <c>device_id</c> names a device bound to its <c>sub</c>. A type rather than a claim, so that no token can carry the
/// answer itself. The identity is kept as the token handler made it (its claim look-ups are case-sensitive).
/// </summary>
internal sealed class SelfIssuedPrincipal : ClaimsPrincipal
{
    public SelfIssuedPrincipal(ClaimsIdentity identity, DeviceBinding deviceBinding)
        : base(identity)
    {
        DeviceBinding = deviceBinding;
    }

    private SelfIssuedPrincipal(SelfIssuedPrincipal other)
        : base(other)
    {
        DeviceBinding = other.DeviceBinding;
    }

    public DeviceBinding DeviceBinding { get; }

    /// <summary>A copy keeps the binding: ASP.NET Core clones a principal where it caches one.</summary>
    public override ClaimsPrincipal Clone() => new SelfIssuedPrincipal(this);
}
