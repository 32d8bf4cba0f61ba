using System.Net;
using System.Text;
using CsCheck;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening.Properties;

/// <summary>
/// Generated request paths and header sets through the router, the path check and the scrubber, to the echo backend:
/// whatever is sent, either the gateway refuses it (400, 404) or the path it authorized is the path every backend
/// reading gives of what was forwarded (Kestrel's, IIS-style, slash-decoding, Tomcat-style), and no header whose
/// letters and digits are an identity header's arrives from the client.
/// </summary>
public sealed class PathAndHeaderPropertyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const int Samples = 5_000;

    private static readonly string[] IdentityHeaders =
        ["X-Forwarded-User", "X-Forwarded-Preferred-Username", "X-Forwarded-Email", "X-Forwarded-Groups", "X-Auth-Method", "X-Device-Id", "X-Gateway-Assertion", "X-Original-URL", "X-Rewrite-URL"];

    /// <summary>Pieces a path is built from: plain ones, more often, and every trick of the path-ambiguity family.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (1, Gen.OneOf("public", "admin", "app", "a", "b", ".", "..", "...", ";", ";x=1", "..;", "%2e", "%2E%2e", "%2f", "%2F", "%5c", "%5C", "\\", "%25",
            "%252e", "%252f", "%3b", "%3B", "%00", "%0d%0a", "%09", "%ff", "%c0%ae", "%e2%80%a5", "%ef%bc%8f", "%20", "~", "@", ":", "!", "$", "%e2%82%ac", "caf%c3%a9")),
        (2, Gen.Char["abcxyz019-_.~"].Array[1, 6].Select(c => new string(c))));

    /// <summary>Paths under the anonymous route the most often, so that plain ones are forwarded and checked too.</summary>
    private static readonly Gen<string> Path = Gen.Select(
        Gen.Frequency((4, Gen.Const("/public/")), (1, Gen.OneOf("/admin/", "/app/", "/", "//"))),
        Gen.Select(Piece.Array[0, 4], Gen.Frequency((6, Gen.Const("/")), (2, Gen.Const("")), (1, Gen.Const("//")))).Array[0, 5],
        (start, segments) => start + string.Concat(segments.Select(s => string.Concat(s.Item1) + s.Item2)));

    /// <summary>Header names that differ from an identity header by case and punctuation, in every way a server folds.</summary>
    private static readonly Gen<string> LookAlike = Gen.Select(Gen.OneOf(IdentityHeaders), Gen.OneOf("-", "_", ".", "~", "", "--", "+").Array[8], Gen.Bool.Array[40], (name, separators, upper) =>
    {
        var built = new StringBuilder();
        var part = 0;
        for (var i = 0; i < name.Length; i++)
        {
            built.Append(name[i] == '-' ? separators[part++ % separators.Length] : upper[i % upper.Length] ? char.ToUpperInvariant(name[i]) : char.ToLowerInvariant(name[i]));
        }

        return built.ToString();
    }).Where(n => n.Length > 0 && char.IsAsciiLetter(n[0]));

    [Fact]
    public async Task GeneratedPathsAndHeaders_ForwardedOnlyWhenEveryReadingAgrees_AndNoLookAlikeArrives()
    {
        var gateway = fixture.Host;
        var forwarded = 0;
        await Gen.Select(Path, LookAlike.Array[0, 4]).SampleAsync(
            async (path, names) =>
            {
                var response = await RawHttp.SendAsync(gateway.Address, path, headers: [.. names.Select(n => (n, "spoofed"))]);
                if (response.StatusCode != 200)
                {
                    // Refused: by Kestrel (a target it cannot parse), the path check, routing, or the anonymous route's absence.
                    Assert.True(response.StatusCode is 400 or 401 or 404, $"{path}: {response.StatusLine}");
                    return;
                }

                Interlocked.Increment(ref forwarded);
                var echoed = new EchoedRequest(response.Body);
                foreach (var reading in Enum.GetValues<PathReading>())
                {
                    Assert.True(echoed.Reading(reading) == echoed.Path, $"{path} forwarded as {echoed.RawTarget}: read as {echoed.Reading(reading)} by {reading}, authorized as {echoed.Path}");
                }

                var arrived = echoed.HeaderNames.Where(n => IdentityHeaders.Any(h => Letters(h) == Letters(n))).ToList();
                Assert.True(arrived.Count == 0, $"{string.Join(", ", arrived)} arrived from the client");
            },
            iter: Samples,
            threads: 4);

        // The control: the generator does make paths the gateway forwards.
        Assert.True(forwarded > Samples / 20, $"only {forwarded} of {Samples} paths were forwarded");
    }

    private static string Letters(string name) => string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();
}
