namespace PasskeyGateway.Configuration;

/// <summary>A short-lived signed JWT forwarded to the backend, its <c>aud</c> the route's cluster.</summary>
public sealed record AssertionHeaderOptions
{
    public string Header { get; init; } = "X-Gateway-Assertion";

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(1);
}
