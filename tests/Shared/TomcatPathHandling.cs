namespace PasskeyGateway.Testing;

/// <summary>How the fixture's Tomcat connector treats encoded slashes and backslashes in a request path.</summary>
internal enum TomcatPathHandling
{
    /// <summary>
    /// Tomcat's defaults: 400 for <c>%2F</c> ("The encoded slash character is not allowed"), for <c>%5C</c> and for a
    /// raw <c>\</c> (not a valid request-target character, RFC 9112 §3.2).
    /// </summary>
    Default,

    /// <summary>
    /// The settings an application turns on to accept such paths (<c>encodedSolidusHandling="decode"</c>,
    /// <c>allowBackslash="true"</c>, <c>relaxedPathChars="\"</c>): Tomcat then reads <c>%2F</c>, <c>%5C</c> and
    /// <c>\</c> as <c>/</c> before it resolves dot segments, the way servers that decode separators do.
    /// </summary>
    DecodeSlashesAndBackslashes,
}
