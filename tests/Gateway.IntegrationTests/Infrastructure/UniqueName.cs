namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>Usernames and ids no other test uses, so tests share a gateway and its store without seeing each other.</summary>
public static class UniqueName
{
    /// <summary><paramref name="prefix"/>, a dash and eight random hex digits: <c>alice-3f9c0a1b</c>.</summary>
    public static string For(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
