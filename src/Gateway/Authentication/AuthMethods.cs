namespace PasskeyGateway.Authentication;

/// <summary>The <c>auth_method</c> claim values, as tokens carry them.</summary>
internal static class AuthMethods
{
    public const string Passkey = "passkey";
    public const string Biometric = "biometric";
    public const string External = "external";

    public static string ClaimValue(this AuthMethod method) => method switch
    {
        AuthMethod.Passkey => Passkey,
        AuthMethod.Biometric => Biometric,
        AuthMethod.External => External,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
