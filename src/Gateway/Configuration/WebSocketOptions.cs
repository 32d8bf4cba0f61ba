namespace PasskeyGateway.Configuration;

/// <summary><c>Gateway:WebSockets</c> (DESIGN.md §11.4).</summary>
public sealed record WebSocketOptions
{
    /// <summary>
    /// Origins, besides the relying party's, whose pages may open WebSockets with the user's session cookie
    /// (<c>https://chat.example.com</c>).
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
}
