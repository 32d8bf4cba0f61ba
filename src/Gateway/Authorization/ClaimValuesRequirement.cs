using System.Security.Claims;

namespace PasskeyGateway.Authorization;

/// <summary>Some claim of one of <paramref name="ClaimTypes"/> carries one of <paramref name="Values"/> (ordinal).</summary>
internal sealed record ClaimValuesRequirement(IReadOnlyList<string> ClaimTypes, IReadOnlySet<string> Values, string FailureCode)
    : IGatewayRequirement
{
    public string Condition => $"{ClaimTypes[0]} in [{string.Join(", ", Values.Order(StringComparer.Ordinal))}]";

    public bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now)
    {
        foreach (var claim in user.Claims)
        {
            if (Values.Contains(claim.Value) && ClaimTypes.Contains(claim.Type, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
