using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// An OpenID Connect issuer on loopback (real Kestrel) serving a discovery document and a JWKS whose keys the test
/// rotates; it counts JWKS fetches so refetch behaviour can be asserted.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Kid, RSA Key)> _published = [];
    private int _jwksFetches;

    private FakeIdentityProvider(WebApplication app)
    {
        _app = app;
    }

    public string Issuer { get; private set; } = "";

    /// <summary>The issuer the discovery document names (normally <see cref="Issuer"/>).</summary>
    public string? AdvertisedIssuer { get; set; }

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Text(
            new JsonObject { ["issuer"] = provider.AdvertisedIssuer ?? provider.Issuer, ["jwks_uri"] = provider.Issuer + "/jwks" }.ToJsonString(),
            "application/json"));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref provider._jwksFetches);
            lock (provider._published)
            {
                var keys = new JsonArray();
                foreach (var (kid, key) in provider._published)
                {
                    var parameters = key.ExportParameters(false);
                    keys.Add(new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["kid"] = kid,
                        ["use"] = "sig",
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    });
                }

                return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Issuer = address;
        return provider;
    }

    /// <summary>Generates a key and publishes it in the JWKS.</summary>
    public (string Kid, RSA Key) AddKey()
    {
        var entry = (UniqueName.For("kid"), RSA.Create(2048));
        lock (_published)
        {
            _published.Add(entry);
        }

        return entry;
    }

    public string IssueToken((string Kid, RSA Key) key, string audience, Action<JsonObject>? claims = null)
    {
        var payload = Jwt.Payload(Issuer, audience, subject: "ext-user");
        claims?.Invoke(payload);
        return Jwt.Create(new JsonObject { ["alg"] = "RS256", ["kid"] = key.Kid, ["typ"] = "at+jwt" }, payload, Jwt.Rs256(key.Key));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var (_, key) in _published)
        {
            key.Dispose();
        }
    }
}
