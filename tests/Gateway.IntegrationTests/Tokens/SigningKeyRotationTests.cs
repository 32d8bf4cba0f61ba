using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using PasskeyGateway.Authentication;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Tokens;

/// <summary>
/// Signing keys across replicas (issue 8 item 3): the newest key, the last of <c>Gateway:Tokens:SigningKeys</c>, signs;
/// every listed key verifies and is in the JWKS. The rotation procedure of docs/replicas.md is played step by step,
/// each step a roll-out: a replica of the new step starts while one of the previous step still serves.
/// </summary>
public sealed class SigningKeyRotationTests : IAsyncLifetime
{
    // One issuer for every replica, as behind one load balancer (the default would be each host's own origin).
    private const string Issuer = "http://localhost:8443";

    private readonly string _keys = Directory.CreateTempSubdirectory("rotation-keys-").FullName;
    private readonly List<GatewayHost> _replicas = [];
    private EchoBackend _backend = null!;

    public async ValueTask InitializeAsync() => _backend = await EchoBackend.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _backend.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }

    [Fact]
    public async Task OneKey_Signs_AndIsTheOnlyKeyInTheJwks()
    {
        var key = NewKey("only.pem");
        var replica = await StartReplicaAsync(key);

        var token = replica.IssueAccessToken(GatewayHost.Identity());

        Assert.Equal(KeyId(key), new JsonWebToken(token).Kid);
        Assert.Equal([KeyId(key)], await JwksKeyIdsAsync(replica));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replica, token));
    }

    [Fact]
    public async Task SeveralKeys_TheLastSigns_EveryOneVerifies_AndAllAreInTheJwksInOrder()
    {
        string[] keys = [NewKey("a.pem"), NewKey("b.pem"), NewKey("c.pem")];
        var replica = await StartReplicaAsync(keys);

        var token = replica.IssueAccessToken(GatewayHost.Identity());

        Assert.Equal(KeyId(keys[2]), new JsonWebToken(token).Kid);
        Assert.Equal(keys.Select(KeyId), await JwksKeyIdsAsync(replica));
        foreach (var older in keys[..2])
        {
            // A token of a replica whose newest key this one still lists.
            var signer = await StartReplicaAsync(older);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(replica, signer.IssueAccessToken(GatewayHost.Identity())));
        }
    }

    [Fact]
    public async Task RotationProcedure_NoReplicaRefusesAValidTokenWhileRolling_AndTheRetiredKeyIsRefused()
    {
        var old = NewKey("signing.pem");
        var next = NewKey("next.pem");
        var before = await StartReplicaAsync(old);
        var oldToken = before.IssueAccessToken(GatewayHost.Identity("old"));
        var oldSession = before.IssueSessionToken(GatewayHost.Identity("old-session"));

        // Step 1, publish: the new key goes before the last entry. Still signing with the old key, verifying both.
        var published = await StartReplicaAsync(next, old);
        var publishedToken = published.IssueAccessToken(GatewayHost.Identity("published"));
        Assert.Equal(KeyId(old), new JsonWebToken(publishedToken).Kid);
        Assert.Equal([KeyId(next), KeyId(old)], await JwksKeyIdsAsync(published));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(published, oldToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(published, oldSession, TokenSource.Cookie));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(before, publishedToken));

        // Step 2, sign: once every replica runs step 1, the new key moves to the end and signs.
        var signing = await StartReplicaAsync(old, next);
        var newToken = signing.IssueAccessToken(GatewayHost.Identity("new"));
        Assert.Equal(KeyId(next), new JsonWebToken(newToken).Kid);
        Assert.Equal([KeyId(old), KeyId(next)], await JwksKeyIdsAsync(signing));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(signing, oldToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(signing, oldSession, TokenSource.Cookie));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(published, newToken));

        // Why step 1 exists: a replica that never published the new key refuses what it signs.
        Assert.Equal("token-key-unknown", await RefusalAsync(before, newToken));

        // Step 3, retire: after the longest token lifetime the old key goes; what it signed is refused by its key.
        var retired = await StartReplicaAsync(next);
        Assert.Equal([KeyId(next)], await JwksKeyIdsAsync(retired));
        Assert.Equal("token-key-unknown", await RefusalAsync(retired, oldToken));
        Assert.Equal("token-key-unknown", await RefusalAsync(retired, oldSession, TokenSource.Cookie));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(retired, newToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(signing, retired.IssueAccessToken(GatewayHost.Identity("after"))));
    }

    private string NewKey(string name)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(_keys, name);
        File.WriteAllText(path, ecdsa.ExportPkcs8PrivateKeyPem());
        return path;
    }

    private static string KeyId(string path) => SigningKeyLoader.Load(path, algorithm: null).KeyId;

    /// <summary>A replica of one roll-out step: <paramref name="keyFiles"/> in the order Gateway:Tokens:SigningKeys lists them.</summary>
    private async Task<GatewayHost> StartReplicaAsync(params string[] keyFiles)
    {
        var replica = await GatewayHost.StartAsync(
            config => config["Gateway"]!["Tokens"] = new JsonObject
            {
                ["Issuer"] = Issuer,
                ["SigningKeys"] = new JsonArray([.. keyFiles.Select(path => (JsonNode)new JsonObject { ["Path"] = path })]),
            },
            _backend);
        _replicas.Add(replica);
        return replica;
    }

    private static async Task<IEnumerable<string>> JwksKeyIdsAsync(GatewayHost replica)
    {
        var jwks = JsonNode.Parse(await replica.Client.GetStringAsync("/.well-known/jwks.json"))!;
        return [.. jwks["keys"]!.AsArray().Select(key => key!["kid"]!.GetValue<string>())];
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayHost replica, string token, TokenSource source)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/rotation");
        if (source == TokenSource.Cookie)
        {
            request.Headers.Add("Cookie", $"{replica.Options.Session.CookieName}={token}");
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await replica.Client.SendAsync(request);
    }

    private static async Task<HttpStatusCode> StatusAsync(GatewayHost replica, string token, TokenSource source = TokenSource.Bearer)
    {
        using var response = await SendAsync(replica, token, source);
        return response.StatusCode;
    }

    private static async Task<string> RefusalAsync(GatewayHost replica, string token, TokenSource source = TokenSource.Bearer)
    {
        using var response = await SendAsync(replica, token, source);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return (await ProblemResponse.ReadAsync(response)).Code;
    }
}
