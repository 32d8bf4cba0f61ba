using System.CommandLine;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using PasskeyGateway.Authentication;
using PasskeyGateway.Authorization;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.ForwardAuth;

namespace PasskeyGateway.CommandLine;

/// <summary>
/// <c>gateway explain &lt;url&gt; [--method GET] [--token JWT] [--header "Name: value"]…</c> (DESIGN.md §11.4): the route
/// that matches, its policy, each condition with pass or fail and why, and the decision. The request is built in
/// memory and taken through the gateway's own routing, authentication and <see cref="AccessDecider"/> — the code
/// that decides a real request — with the configuration and the store's revocations; nothing is sent anywhere.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(Option<string?> config)
    {
        var url = new Argument<string>("url") { Description = "The request's URL, e.g. https://app.example.com/admin/report?id=7." };
        var method = new Option<string>("--method") { Description = "The request's method.", DefaultValueFactory = _ => "GET" };
        var token = new Option<string?>("--token") { Description = "A bearer token to authenticate the request with." };
        var headers = new Option<string[]>("--header") { Description = "A request header as 'Name: value' (repeat for several), e.g. 'Accept: text/html' for a browser navigation.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("explain", "Show how the gateway decides a request: route, policy, each condition, decision.") { url, method, token, headers };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
            {
                return await FailAsync("The URL must be an absolute http or https URL.");
            }

            var requestHeaders = new List<KeyValuePair<string, string>>();
            foreach (var header in result.GetValue(headers) ?? [])
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return await FailAsync($"--header '{header}' is not 'Name: value'.");
                }

                requestHeaders.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
            }

            if (result.GetValue(token) is { Length: > 0 } bearer)
            {
                requestHeaders.Add(new("Authorization", "Bearer " + bearer));
            }

            try
            {
                await using var app = GatewayApp.BuildForCommand(GatewayConfigFile.Locate(result.GetValue(config)));
                app.MapGateway();
                await app.Services.GetRequiredService<DurableRevocationList>().ReloadAsync(cancellationToken);
                var context = await ExplainAsync(app.Services, result.GetValue(method)!, target, requestHeaders);
                var decision = await app.Services.GetRequiredService<AccessDecider>().DecideAsync(context);
                await Console.Out.WriteAsync(Describe(context, decision));
                return 0;
            }
            catch (GatewayConfigurationException e)
            {
                return await FailAsync(e.Message);
            }
            catch (CredentialStoreUnavailableException e)
            {
                return await FailAsync(e.Message);
            }
        });
        return command;
    }

    /// <summary>The request, authenticated by the gateway's scheme and routed, as the pipeline would leave it.</summary>
    internal static async Task<HttpContext> ExplainAsync(IServiceProvider services, string method, Uri url, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var request = context.Request;
        foreach (var (name, value) in headers)
        {
            request.Headers.Append(name, value);
        }

        request.Method = method;
        request.Scheme = url.Scheme;
        request.Host = HostString.FromUriComponent(url);
        request.Path = PathString.FromUriComponent(url);
        request.QueryString = QueryString.FromUriComponent(url);

        // AuthenticationMiddleware: the default scheme's result becomes the user.
        var authentication = await context.AuthenticateAsync(GatewayAuthenticationDefaults.Scheme);
        if (authentication.Principal is { } principal)
        {
            context.User = principal;
        }

        context.Features.Set<IAuthenticateResultFeature>(new AuthenticationResultFeature(authentication));
        await services.GetRequiredService<DescribedRequestRouter>().RouteAsync(context);
        return context;
    }

    internal static string Describe(HttpContext context, AccessDecision decision)
    {
        var request = context.Request;
        var text = new StringBuilder();
        text.Append("request   ").Append(request.Method).Append(' ').Append(request.Scheme).Append("://").Append(request.Host.Value)
            .Append(request.Path.ToUriComponent()).Append(request.QueryString.ToUriComponent()).AppendLine();
        if (decision.RouteId is not null)
        {
            text.Append("route     ").Append(decision.RouteId).Append(" (cluster ").Append(decision.ClusterId).AppendLine(")");
            text.Append("policy    ").AppendLine(decision.Policy);
        }
        else
        {
            text.AppendLine("route     none");
        }

        foreach (var condition in decision.Conditions)
        {
            text.Append(condition.Passed ? "  pass    " : "  fail    ").Append(condition.Condition);
            if (condition.Reason is not null)
            {
                text.Append(": ").Append(condition.Reason);
            }

            text.AppendLine();
        }

        text.Append("decision  ").Append(DecisionName(decision.Outcome));
        if (decision.Outcome == AccessOutcome.Redirect)
        {
            text.Append(" (302 to the sign-in page)");
        }
        else if (decision.StepUp is { Redirects: true } redirect)
        {
            text.Append(" (302 to the sign-in page for a new passkey sign-in, maxAge=").Append(redirect.MaxAgeSeconds).Append(')');
        }
        else if (decision.Outcome == AccessOutcome.NoRoute)
        {
            text.Append(" (404 not-found; /.auth/verify answers 403 no-route)");
        }
        else if (decision.Problem is { } problem && decision.Outcome != AccessOutcome.Allow)
        {
            text.Append(" (").Append(problem.Status).Append(' ').Append(problem.Code);
            if (decision.Outcome is AccessOutcome.Forbidden or AccessOutcome.StepUp && decision.Reasons.Count > 0)
            {
                text.Append(": ").AppendJoin(", ", decision.Reasons);
            }

            if (decision.StepUp is { MaxAge: not null } challenge)
            {
                text.Append("; max_age=").Append(challenge.MaxAgeSeconds);
            }

            text.Append(')');
        }

        return text.AppendLine().ToString();
    }

    /// <summary>The decision's label, as in the <c>gateway_auth_decisions_total</c> metric.</summary>
    internal static string DecisionName(AccessOutcome outcome) => outcome switch
    {
        AccessOutcome.Allow => "allow",
        AccessOutcome.Unauthenticated => "unauthenticated",
        AccessOutcome.Redirect => "redirect",
        AccessOutcome.StepUp => "step_up",
        AccessOutcome.Forbidden => "forbidden",
        AccessOutcome.Invalid => "invalid",
        AccessOutcome.Unavailable => "unavailable",
        _ => "no-route",
    };

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 1;
    }

    /// <summary>The result of authenticating, as <c>AuthenticationMiddleware</c> leaves it on the context.</summary>
    private sealed class AuthenticationResultFeature(AuthenticateResult result) : IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;
    }
}
