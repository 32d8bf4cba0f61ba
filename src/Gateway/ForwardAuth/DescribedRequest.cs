namespace PasskeyGateway.ForwardAuth;

/// <summary>
/// The request a proxy asks <c>/.auth/verify</c> about, as its application would receive it: the method, the host,
/// the path as Kestrel would read it (percent-escapes decoded but <c>%2F</c>) and the query.
/// </summary>
internal sealed record DescribedRequest(string Method, HostString Host, PathString Path, QueryString Query)
{
    /// <summary>Where the request goes once signed in: the same path and query (the host is the public origin's).</summary>
    public string ReturnPath => Path.ToUriComponent() + Query.ToUriComponent();
}
