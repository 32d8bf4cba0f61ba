using PasskeyGateway.Authentication;

namespace PasskeyGateway.Configuration;

/// <summary>A named route policy. Every condition given must hold.</summary>
public sealed record PolicyOptions
{
    /// <summary>Claim type → accepted values (any one of them).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Claims { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Accepted roles, read from the <c>role</c> and <c>roles</c> claims (any one of them).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Accepted <c>auth_method</c> values (any one of them).</summary>
    public IReadOnlyList<AuthMethod> AuthMethods { get; init; } = [];

    /// <summary>Requires a self-issued token carrying a bound, unrevoked device.</summary>
    public bool KnownDevice { get; init; }

    /// <summary>Maximum time since <c>auth_time</c>.</summary>
    public TimeSpan? MaxAuthAge { get; init; }
}
