namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A way a backend reads a request path that Kestrel reads otherwise: the gateway decides a request's route on
/// Kestrel's reading, so a backend that reads the same bytes as another path can be reached past that route's policy.
/// Each one is Kestrel's reading with a single difference (<see cref="PathReadings"/>).
/// </summary>
public enum PathReading
{
    /// <summary>IIS and ASP.NET classic: <c>\</c>, raw or as <c>%5C</c>, separates path segments as <c>/</c> does.</summary>
    BackslashAsSlash,

    /// <summary>Servers that decode <c>%2F</c> before they route: an encoded slash separates segments too.</summary>
    DecodedSlashes,

    /// <summary>
    /// Servlet containers (Tomcat): <c>;parameters</c> are stripped from every segment before dot segments are
    /// resolved, so <c>/public/..;/admin</c> is <c>/admin</c>.
    /// </summary>
    TomcatStyle,
}
