namespace PasskeyGateway.Observability;

internal enum AuthDecision
{
    Allow,
    Unauthenticated,
    Redirect,
    Forbidden,
}
