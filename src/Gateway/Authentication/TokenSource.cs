namespace PasskeyGateway.Authentication;

/// <summary>Where a request's token came from; each source accepts only its own token type.</summary>
internal enum TokenSource
{
    Bearer,
    Cookie,
}
