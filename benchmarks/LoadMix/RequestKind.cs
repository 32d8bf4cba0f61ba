namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>The classes of the load mix, each counted and timed on its own.</summary>
internal enum RequestKind
{
    /// <summary>GET on a route that needs a JWT, with one cached bearer token: the signed-in traffic.</summary>
    Jwt,

    /// <summary>GET on an anonymous route.</summary>
    Anonymous,

    /// <summary>A whole passkey sign-in over HTTP: options, the authenticator's assertion, finish.</summary>
    SignIn,
}
