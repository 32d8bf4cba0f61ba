using System.CommandLine;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.CommandLine;

/// <summary>
/// <c>gateway token issue --sub alice [--claim role=admin]… [--lifetime 00:05:00]</c>: mints an access token with the
/// configured signing key, for testing a deployment and for scripts. Prints only the token.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(Option<string?> config)
    {
        var subject = new Option<string>("--sub") { Description = "The subject (user id).", Required = true };
        var claims = new Option<string[]>("--claim") { Description = "A claim as name=value; repeat a name for a list.", AllowMultipleArgumentsPerToken = false };
        var lifetime = new Option<TimeSpan?>("--lifetime") { Description = "Token lifetime (hh:mm:ss); default Gateway:Tokens:Lifetime." };
        var issue = new Command("issue", "Mint an access token signed with the gateway's key.") { subject, claims, lifetime };
        issue.SetAction(async (result, cancellationToken) =>
        {
            var parsed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var claim in result.GetValue(claims) ?? [])
            {
                var equals = claim.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    await Console.Error.WriteLineAsync($"--claim '{claim}' is not name=value.");
                    return 1;
                }

                var name = claim[..equals];
                if (ReservedClaims.Contains(name))
                {
                    await Console.Error.WriteLineAsync($"--claim cannot set '{name}': the token's registered claims come from the configuration.");
                    return 1;
                }

                (parsed.TryGetValue(name, out var values) ? values : parsed[name] = []).Add(claim[(equals + 1)..]);
            }

            try
            {
                await using var app = GatewayApp.BuildForCommand(GatewayConfigFile.Locate(result.GetValue(config)));
                var options = app.Services.GetRequiredService<GatewayOptions>();
                var issuer = app.Services.GetRequiredService<TokenIssuer>();
                var time = app.Services.GetRequiredService<TimeProvider>();
                var payload = parsed.ToDictionary(p => p.Key, p => p.Value.Count == 1 ? (object)p.Value[0] : p.Value.ToArray(), StringComparer.Ordinal);
                payload[GatewayClaimTypes.Subject] = result.GetValue(subject)!;
                payload.TryAdd(GatewayClaimTypes.SessionId, TokenIssuer.NewId());
                payload.TryAdd(GatewayClaimTypes.AuthTime, time.GetUtcNow().ToUnixTimeSeconds());
                var token = issuer.Issue(payload, options.Tokens.Audience, result.GetValue(lifetime) ?? options.Tokens.Lifetime, GatewayAuthenticationDefaults.AccessTokenType);
                await Console.Out.WriteLineAsync(token.Token);
                return 0;
            }
            catch (GatewayConfigurationException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });

        var token = new Command("token", "Token utilities.");
        token.Subcommands.Add(issue);
        return token;
    }

    private static readonly HashSet<string> ReservedClaims = new(StringComparer.Ordinal) { "iss", "aud", "exp", "nbf", "iat", "jti", "sub" };
}
