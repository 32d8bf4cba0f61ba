using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Authentication;

/// <summary>
/// The "Gateway" scheme: a bearer JWT, else the session cookie. An unauthenticated request is answered as
/// <see cref="Challenge"/> says: browser navigations go to the sign-in page, the rest get 401.
/// </summary>
internal sealed class GatewayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenValidator validator,
    SessionCookie sessionCookie,
    ProblemWriter problems,
    GatewayOptions gatewayOptions,
    DurableRevocationList revocations)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, source) = ReadToken();
        if (token is null)
        {
            if (source == TokenSource.Bearer)
            {
                Context.Features.Set(new GatewayAuthenticationFeature(source, null, ProblemCatalog.AuthorizationSchemeUnsupported));
                return AuthenticateResult.Fail(ProblemCatalog.AuthorizationSchemeUnsupported.Code);
            }

            return AuthenticateResult.NoResult();
        }

        var outcome = await validator.ValidateAsync(token, source, Context.RequestAborted);
        if (outcome.Token is not null && revocations.IsStale)
        {
            // Fail closed: a revocation this replica missed would let the token through (DESIGN.md §11.6).
            Context.Features.Set(new GatewayAuthenticationFeature(source, null, ProblemCatalog.RevocationsStale));
            return AuthenticateResult.Fail(ProblemCatalog.RevocationsStale.Code);
        }

        Context.Features.Set(new GatewayAuthenticationFeature(source, outcome.Token, outcome.Problem));
        return outcome.Token is { } validated
            ? AuthenticateResult.Success(new AuthenticationTicket(validated.Principal, Scheme.Name))
            : AuthenticateResult.Fail(outcome.Problem!.Code);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var feature = Context.Features.Get<GatewayAuthenticationFeature>();
        if (Challenge.Unavailable(feature))
        {
            Response.Headers.RetryAfter = RetryAfterSeconds;
            return problems.WriteAsync(Context, Challenge.Problem(feature));
        }

        if (feature is { Source: TokenSource.Cookie, Failure: not null })
        {
            sessionCookie.Delete(Response);
        }

        if (Challenge.Redirects(Request, feature))
        {
            Response.Redirect(Challenge.SignInLocation(gatewayOptions.PathPrefix, Request.PathBase + Request.Path + Request.QueryString));
            return Task.CompletedTask;
        }

        Response.Headers.WWWAuthenticate = Challenge.WwwAuthenticate(feature);
        return problems.WriteAsync(Context, Challenge.Problem(feature));
    }

    /// <summary>A stale replica hears Redis again within a heartbeat or two.</summary>
    private const string RetryAfterSeconds = "5";

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        problems.WriteAsync(Context, ProblemCatalog.Forbidden);

    /// <summary>
    /// The token to validate. An <c>Authorization</c> header, when present, alone decides: a bearer token is read from
    /// it, and anything else (two headers, another scheme) fails without a fallback to the cookie, so a request can
    /// never be authenticated by a credential other than the one it names.
    /// </summary>
    private (string? Token, TokenSource Source) ReadToken()
    {
        var authorization = Request.Headers.Authorization;
        if (authorization.Count == 0)
        {
            return (sessionCookie.Read(Request), TokenSource.Cookie);
        }

        // Two Authorization headers: refuse rather than guess which one counts.
        if (authorization.Count == 1 && authorization[0] is { } value
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (value["Bearer ".Length..].Trim(), TokenSource.Bearer);
        }

        return (null, TokenSource.Bearer);
    }
}
