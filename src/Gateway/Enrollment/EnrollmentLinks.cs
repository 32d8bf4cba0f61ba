using System.Buffers.Text;
using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Enrollment;

/// <summary>
/// Makes enrollment and recovery links (DESIGN.md §11.1): 32 random bytes, base64url, in the fragment of
/// <c>{PublicOrigin}{prefix}/enroll#…</c>; only their SHA-256 is stored, and a new link voids the user's older ones.
/// Used by the admin API and by <c>gateway user add|link</c>, which works on the store without a running gateway.
/// </summary>
internal sealed class EnrollmentLinks(IEnrollmentLinkRepository links, GatewayOptions options, TimeProvider timeProvider)
{
    private const int TokenBytes = 32;

    /// <param name="createdBy">The acting administrator's id, or <c>cli</c>.</param>
    public async Task<IssuedEnrollmentLink> CreateAsync(string userId, string createdBy, CancellationToken cancellationToken)
    {
        var token = RandomNumberGenerator.GetBytes(TokenBytes);
        var now = timeProvider.GetUtcNow();
        var expiresAt = now + options.Accounts.EnrollmentLinkLifetime;
        await links.AddEnrollmentLinkAsync(new EnrollmentLink(SHA256.HashData(token), userId, now, expiresAt, createdBy), cancellationToken);
        var path = $"{options.PathPrefix}/enroll#{Base64Url.EncodeToString(token)}";
        var url = options.PublicOrigin is { } origin ? new Uri(origin, path).AbsoluteUri : path;
        return new IssuedEnrollmentLink(url, DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }

    /// <summary>The stored form of a token a client sent: <c>null</c> for anything that is not 32 base64url bytes.</summary>
    public static byte[]? HashOf(string? token)
    {
        if (token is not { Length: > 0 and <= 64 })
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[48];
        return Base64Url.IsValid(token) && Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == TokenBytes
            ? SHA256.HashData(bytes[..TokenBytes])
            : null;
    }
}

/// <summary>A new link: shown once to whoever made it, never stored or logged.</summary>
public sealed record IssuedEnrollmentLink(string Url, DateTimeOffset ExpiresAt);
