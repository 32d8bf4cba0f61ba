using PasskeyGateway.Headers;

namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:IdentityHeaders</c> and <c>Gateway:Assertion</c>: valid names, none reserved, none twice.</summary>
internal static class IdentityHeaderRules
{
    /// <summary>Names the gateway sets or that carry the client's own credentials: never identity headers.</summary>
    private static readonly string[] ReservedHeaders =
    [
        "Host", "Authorization", "Cookie", "Set-Cookie", "Content-Length", "Content-Type", "Content-Encoding",
        "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Proxy-Authorization",
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix",
        "traceparent", "tracestate", "baggage",
    ];

    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var names = new HashSet<string>(HeaderNameComparer.Instance);
        foreach (var (header, claim) in options.IdentityHeaders!)
        {
            var path = $"Gateway.IdentityHeaders.{header}";
            ValidateHeaderName(header, path, problems);
            if (!names.Add(header))
            {
                problems.Add(ConfigProblem.Error(path, "is the same header as another entry (names are compared by their letters and digits alone)."));
            }

            if (string.IsNullOrWhiteSpace(claim))
            {
                problems.Add(ConfigProblem.Error(path, "needs the claim type whose value it carries."));
            }
        }

        if (options.Assertion is { } assertion)
        {
            ValidateHeaderName(assertion.Header, "Gateway.Assertion.Header", problems);
            if (names.Contains(assertion.Header))
            {
                problems.Add(ConfigProblem.Error("Gateway.Assertion.Header", "is also an identity header."));
            }

            ConfigRules.RequirePositive(assertion.Lifetime, "Gateway.Assertion.Lifetime", problems);
            if (assertion.Lifetime > TimeSpan.FromMinutes(10))
            {
                problems.Add(ConfigProblem.Error("Gateway.Assertion.Lifetime", "must be at most 10 minutes: the assertion is meant to be short-lived."));
            }
        }
    }

    private static void ValidateHeaderName(string header, string path, ICollection<ConfigProblem> problems)
    {
        if (header.Length == 0 || header.Any(c => !ConfigRules.IsTokenChar(c)))
        {
            problems.Add(ConfigProblem.Error(path, "is not a valid header name."));
        }
        else if (ReservedHeaders.Any(r => HeaderNameComparer.Instance.Equals(r, header)))
        {
            problems.Add(ConfigProblem.Error(path, $"'{header}' is reserved: the gateway or the client's own credentials use it."));
        }
    }
}
