namespace PasskeyGateway.Configuration;

public sealed record AdminOptions
{
    /// <summary>The policy (from <c>Gateway:Policies</c>) that guards <c>{prefix}/admin</c>; the API is off when it is not defined.</summary>
    public string Policy { get; init; } = "admins";
}
