using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>
/// Username-first sign-in options tell nothing of an account: not whether it exists, not how many passkeys it has,
/// their id lengths or transports. By default no credential is listed for any username (passkeys are discoverable);
/// a credential the authenticator says it cannot discover is refused at registration, since it could never sign in.
/// </summary>
public sealed class AccountEnumerationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task AuthenticationOptions_AreAlikeForEveryUsername_WhateverTheAccountHolds()
    {
        var twoPasskeys = "enum-two-" + Guid.NewGuid().ToString("N")[..6];
        using (var client = new PasskeyClient(Gateway))
        {
            (await client.RegisterAsync(twoPasskeys)).Dispose();
            (await client.RegisterAsync(username: null)).Dispose();
        }

        var onePasskey = "enum-one-" + Guid.NewGuid().ToString("N")[..6];
        using (var client = new PasskeyClient(Gateway))
        {
            (await client.RegisterAsync(onePasskey)).Dispose();
        }

        var shapes = new List<string>();
        foreach (var username in new[] { twoPasskeys, onePasskey, "enum-nobody-" + Guid.NewGuid().ToString("N")[..6] })
        {
            using var client = new PasskeyClient(Gateway);
            var options = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = username });
            Assert.Empty(options["allowCredentials"]!.AsArray());
            options["challenge"] = "-";
            shapes.Add(options.ToJsonString());
        }

        Assert.Single(shapes.Distinct());
    }

    [Fact]
    public async Task UsernameFirstSignIn_WithoutListedCredentials_StillSignsInTheNamedAccount_AndOnlyIt()
    {
        var alice = "enum-alice-" + Guid.NewGuid().ToString("N")[..6];
        using var client = new PasskeyClient(Gateway);
        (await client.RegisterAsync(alice)).Dispose();

        using var signedIn = await client.SignInAsync(alice);
        using var mallory = new PasskeyClient(Gateway);
        (await mallory.RegisterAsync("enum-mallory-" + Guid.NewGuid().ToString("N")[..6])).Dispose();
        using var wrongAccount = await mallory.SignInAsync(alice);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("credential-user-mismatch", (await ProblemResponse.ReadAsync(wrongAccount)).Code);
    }

    [Fact]
    public async Task Registration_OfACredentialTheAuthenticatorCannotDiscover_IsRefused_AndNothingIsStored()
    {
        var username = "enum-nonrk-" + Guid.NewGuid().ToString("N")[..6];
        using var client = new PasskeyClient(Gateway);

        using var response = await client.RegisterAsync(username, credential =>
        {
            credential["clientExtensionResults"] = new JsonObject { ["credProps"] = new JsonObject { ["rk"] = false } };
            return credential;
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("credential-not-discoverable", (await ProblemResponse.ReadAsync(response)).Code);
        Assert.Null(await Gateway.Services.GetRequiredService<ICredentialRepository>().FindUserByUsernameAsync(username, default));
    }

    [Fact]
    public async Task Registration_WithoutCredProps_IsAccepted()
    {
        // A browser that does not answer credProps says nothing either way: the credential is taken.
        using var client = new PasskeyClient(Gateway);

        using var response = await client.RegisterAsync("enum-noprops-" + Guid.NewGuid().ToString("N")[..6], credential =>
        {
            credential["clientExtensionResults"] = new JsonObject();
            return credential;
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

/// <summary>
/// Where discoverable credentials are discouraged (security keys), the ids must be listed: every answer then lists at
/// least four, decoys stable per username making up the rest, so the count of an account's keys (up to four) and the
/// existence of an account are not told by the number of entries.
/// </summary>
public sealed class SecurityKeyListingTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(config =>
        config["Gateway"]!["Passkeys"] = new JsonObject { ["ResidentKey"] = "discouraged" });

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task AuthenticationOptions_ListFourEntries_ForAKnownAndAnUnknownUsername_AndTheKnownOneSignsIn()
    {
        var username = "keys-" + Guid.NewGuid().ToString("N")[..6];
        using var client = new PasskeyClient(_gateway);
        (await client.RegisterAsync(username)).Dispose();

        var known = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = username });
        var unknown = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = "keys-nobody" });
        var unknownAgain = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = "keys-nobody" });
        using var signedIn = await client.SignInAsync(username);

        Assert.Equal(4, known["allowCredentials"]!.AsArray().Count);
        Assert.Equal(4, unknown["allowCredentials"]!.AsArray().Count);
        Assert.Equal(unknown["allowCredentials"]!.ToJsonString(), unknownAgain["allowCredentials"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }
}
