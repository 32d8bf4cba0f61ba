namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// 60 % JWT route, 30 % anonymous route, 10 % passkey sign-ins, in a fixed pattern of ten rather than drawn at random:
/// every tenth of a second of load has the same mix, so a five-second outage window sees the mix the report states.
/// </summary>
internal static class RequestMix
{
    public const string Description = "60 % GET on a JWT route (one cached token), 30 % GET on an anonymous route, 10 % passkey sign-ins (options, assertion, finish)";

    private static readonly RequestKind[] Pattern =
    [
        RequestKind.Jwt, RequestKind.Anonymous, RequestKind.Jwt, RequestKind.Jwt, RequestKind.SignIn,
        RequestKind.Anonymous, RequestKind.Jwt, RequestKind.Jwt, RequestKind.Anonymous, RequestKind.Jwt,
    ];

    public static RequestKind KindOf(long sequence) => Pattern[(int)(sequence % Pattern.Length)];
}
