namespace PasskeyGateway.ForwardAuth;

/// <summary>Marks the forward-auth endpoints (<see cref="ForwardAuthEndpoints.IsVerify"/>).</summary>
internal sealed class ForwardAuthEndpointMetadata
{
    public static readonly ForwardAuthEndpointMetadata Instance = new();

    private ForwardAuthEndpointMetadata()
    {
    }
}
