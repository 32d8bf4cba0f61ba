using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Accounts;

/// <summary>
/// Accounts under the organisation's control (DESIGN.md §11.1, §11.6), on a gateway with the default registration
/// mode, <c>invite</c>: nobody signs up, administrators create accounts, users enroll through a link.
/// </summary>
public sealed class AccountTests(InviteGatewayFixture fixture) : IClassFixture<InviteGatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private AdminApi Admin => new(Gateway);

    [Fact]
    public async Task Invite_RegistrationWithoutASession_IsClosed_TheSameForAFreeAndATakenName()
    {
        var (taken, _, _) = await Admin.CreateUserAsync(UniqueName.For("taken"));
        using var client = new PasskeyClient(Gateway);

        foreach (var username in new[] { taken["username"]!.GetValue<string>(), UniqueName.For("free"), "not a valid name" })
        {
            using var response = await client.PostJsonAsync("/.auth/passkeys/registration/options", new JsonObject { ["username"] = username });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("registration-closed", (await ProblemResponse.ReadAsync(response)).Code);
        }
    }

    [Fact]
    public async Task Invite_SignInPage_OffersNoAccountCreation()
    {
        var page = await Gateway.Client.GetStringAsync("/.auth/login");

        Assert.Contains("data-registration=\"invite\"", page, StringComparison.Ordinal);
        Assert.Contains("<form id=\"register\" aria-labelledby=\"register-title\" hidden>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreatesAUser_WhoEnrollsByTheLink_AndSignsInWithRolesGroupsAndEmail()
    {
        var username = UniqueName.For("bob");
        var (user, token, url) = await Admin.CreateUserAsync(username, ["admin"], ["ops", "dev"], $"{username}@example.com");
        Assert.StartsWith($"http://localhost:{Gateway.Port}/.auth/enroll#", url, StringComparison.Ordinal);
        Assert.Equal(43, token.Length);
        Assert.Equal(0, user["credentialCount"]!.GetValue<int>());

        using var client = new PasskeyClient(Gateway);
        var session = await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(token), HttpStatusCode.Created);
        using var admin = await client.GetWithTokenAsync("/admin/reports", session);
        var echoed = await EchoedRequest.ReadAsync(admin);

        Assert.Equal([user["id"]!.GetValue<string>()], echoed.Header("X-Forwarded-User"));
        Assert.Equal([$"{username}@example.com"], echoed.Header("X-Forwarded-Email"));
        Assert.Equal(["ops,dev"], echoed.Header("X-Forwarded-Groups"));

        // The same passkey signs in again, with the same claims.
        var again = await PasskeyClient.ReadTokenAsync(await client.SignInAsync(username), HttpStatusCode.OK);
        using var adminAgain = await client.GetWithTokenAsync("/admin/reports", again);
        Assert.Equal(HttpStatusCode.OK, adminAgain.StatusCode);
        using var read = await Admin.SendAsync(HttpMethod.Get, $"/users/{user["id"]}");
        Assert.Equal(1, (await AdminApi.ReadAsync(read, HttpStatusCode.OK))["credentialCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task EnrollmentLink_IsSingleUse_VoidedByANewerOne_AndEveryBadLinkGetsOneAnswer()
    {
        var (spentUser, spent, _) = await Admin.CreateUserAsync(UniqueName.For("spent"));
        using (var first = new PasskeyClient(Gateway))
        {
            await PasskeyClient.ReadTokenAsync(await first.EnrollAsync(spent), HttpStatusCode.Created);
        }

        var (voidedUser, voided, _) = await Admin.CreateUserAsync(UniqueName.For("voided"));
        var newer = await Admin.NewLinkTokenAsync(voidedUser["id"]!.GetValue<string>());
        var (disabledUser, ofDisabled, _) = await Admin.CreateUserAsync(UniqueName.For("disabled"));
        await Admin.ChangeUserAsync(disabledUser["id"]!.GetValue<string>(), new JsonObject { ["disabled"] = true });

        using var client = new PasskeyClient(Gateway);
        foreach (var token in new[] { spent, voided, ofDisabled, "", "short", new string('A', 43), spent + "A" })
        {
            using var response = await client.PostJsonAsync("/.auth/enrollment/options", new JsonObject { ["token"] = token });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("enrollment-link-invalid", (await ProblemResponse.ReadAsync(response)).Code);
        }

        // The options of one link cannot be finished with another: the challenge carries its link.
        var options = await client.OptionsAsync("/.auth/enrollment/options", new JsonObject { ["token"] = newer });
        var credential = client.Authenticator.Create(options);
        using (var mismatched = await client.PostJsonAsync("/.auth/enrollment", new JsonObject { ["token"] = spent, ["credential"] = credential }))
        {
            Assert.Equal("enrollment-link-invalid", (await ProblemResponse.ReadAsync(mismatched)).Code);
        }

        // The newer link still works, once; the spent one added nothing to its account.
        await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(newer), HttpStatusCode.Created);
        using var reuse = await client.PostJsonAsync("/.auth/enrollment/options", new JsonObject { ["token"] = newer });
        Assert.Equal("enrollment-link-invalid", (await ProblemResponse.ReadAsync(reuse)).Code);
        using var read = await Admin.SendAsync(HttpMethod.Get, $"/users/{spentUser["id"]}");
        Assert.Equal(1, (await AdminApi.ReadAsync(read, HttpStatusCode.OK))["credentialCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task RecoveryLink_AddsAPasskeyToTheAccount_AndRemovesNone()
    {
        var (user, token, _) = await Admin.CreateUserAsync(UniqueName.For("lost"));
        var userId = user["id"]!.GetValue<string>();
        using (var oldPhone = new PasskeyClient(Gateway))
        {
            await PasskeyClient.ReadTokenAsync(await oldPhone.EnrollAsync(token), HttpStatusCode.Created);
        }

        using var newPhone = new PasskeyClient(Gateway);
        var session = await PasskeyClient.ReadTokenAsync(await newPhone.EnrollAsync(await Admin.NewLinkTokenAsync(userId)), HttpStatusCode.Created);

        using var me = await newPhone.GetWithTokenAsync("/.auth/me", session);
        Assert.Equal(userId, (await PasskeyClient.ReadJsonAsync(me))["user"]!["id"]!.GetValue<string>());
        using var read = await Admin.SendAsync(HttpMethod.Get, $"/users/{userId}");
        Assert.Equal(2, (await AdminApi.ReadAsync(read, HttpStatusCode.OK))["credentialCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChangingRoles_EndsTheAccountsSessions_AndTheNextSignInCarriesTheNewRoles()
    {
        var username = UniqueName.For("carol");
        var (user, token, _) = await Admin.CreateUserAsync(username, ["admin"]);
        using var client = new PasskeyClient(Gateway);
        var before = await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(token), HttpStatusCode.Created);
        using (var allowed = await client.GetWithTokenAsync("/admin/x", before))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var changed = await Admin.ChangeUserAsync(user["id"]!.GetValue<string>(), new JsonObject { ["roles"] = new JsonArray("viewer") });
        Assert.Equal(["viewer"], changed["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        using (var revoked = await client.GetWithTokenAsync("/app/x", before))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }

        var after = await PasskeyClient.ReadTokenAsync(await client.SignInAsync(username), HttpStatusCode.OK);
        using var forbidden = await client.GetWithTokenAsync("/admin/x", after);
        using var app = await client.GetWithTokenAsync("/app/x", after);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
    }

    [Fact]
    public async Task DisabledAccount_IsRefusedOnlyAfterTheSignatureChecks_AndItsSessionsEnd()
    {
        var username = UniqueName.For("dave");
        var (user, token, _) = await Admin.CreateUserAsync(username);
        using var client = new PasskeyClient(Gateway);
        var session = await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(token), HttpStatusCode.Created);

        await Admin.ChangeUserAsync(user["id"]!.GetValue<string>(), new JsonObject { ["disabled"] = true });

        using (var old = await client.GetWithTokenAsync("/app/x", session))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }

        using (var refused = await client.SignInAsync(username))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("account-disabled", (await ProblemResponse.ReadAsync(refused)).Code);
        }

        // Someone without the passkey learns nothing: a bad signature is refused as one, not as a disabled account.
        using var forged = await client.SignInAsync(username, tamper: assertion =>
        {
            var signature = Convert.FromBase64String(ToBase64(assertion["response"]!["signature"]!.GetValue<string>()));
            signature[^1] ^= 0x01;
            assertion["response"]!["signature"] = Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return assertion;
        });
        Assert.NotEqual("account-disabled", (await ProblemResponse.ReadAsync(forged)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task AdminApi_ListsPagesSearchesAndRemovesUsers()
    {
        var prefix = UniqueName.For("team");
        var names = new[] { $"{prefix}-c", $"{prefix}-a", $"{prefix}-b" };
        var ids = new Dictionary<string, string>();
        foreach (var name in names)
        {
            ids[name] = (await Admin.CreateUserAsync(name)).User["id"]!.GetValue<string>();
        }

        using var first = await Admin.SendAsync(HttpMethod.Get, $"/users?query={prefix}&limit=2");
        var page = await AdminApi.ReadAsync(first, HttpStatusCode.OK);
        using var second = await Admin.SendAsync(HttpMethod.Get, $"/users?query={prefix}&limit=2&after={Uri.EscapeDataString(page["next"]!.GetValue<string>())}");
        var rest = await AdminApi.ReadAsync(second, HttpStatusCode.OK);

        Assert.Equal([$"{prefix}-a", $"{prefix}-b"], page["users"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Equal([$"{prefix}-c"], rest["users"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Null(rest["next"]);

        using var removed = await Admin.SendAsync(HttpMethod.Delete, $"/users/{ids[$"{prefix}-b"]}");
        using var gone = await Admin.SendAsync(HttpMethod.Get, $"/users/{ids[$"{prefix}-b"]}");
        using var again = await Admin.SendAsync(HttpMethod.Delete, $"/users/{ids[$"{prefix}-b"]}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("user-not-found", (await ProblemResponse.ReadAsync(gone)).Code);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        using var audit = await Admin.SendAsync(HttpMethod.Get, $"/audit?user={ids[$"{prefix}-b"]}&limit=10");
        var events = (await AdminApi.ReadAsync(audit, HttpStatusCode.OK))["entries"]!.AsArray();
        Assert.Contains(events, e => e!["event"]!.GetValue<string>() == "admin_user_remove" && e["detail"]!.GetValue<string>().EndsWith("by root", StringComparison.Ordinal));
        Assert.Contains(events, e => e!["event"]!.GetValue<string>() == "admin_user_create" && e["detail"]!.GetValue<string>() == "by root");
    }

    [Fact]
    public async Task RemovedUser_TokensAreRefusedAtOnce()
    {
        var (user, token, _) = await Admin.CreateUserAsync(UniqueName.For("erin"));
        using var client = new PasskeyClient(Gateway);
        var session = await PasskeyClient.ReadTokenAsync(await client.EnrollAsync(token), HttpStatusCode.Created);

        using var removed = await Admin.SendAsync(HttpMethod.Delete, $"/users/{user["id"]}");
        using var after = await client.GetWithTokenAsync("/app/x", session);

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        // method, body, expected code
        { "POST", """{"username":"Has Space"}""", "username-invalid" },
        { "POST", """{"username":"ok-name","roles":["a,b"]}""", "invalid-request" },
        { "POST", """{"username":"ok-name","groups":["x y"]}""", "invalid-request" },
        { "POST", """{"username":"ok-name","email":"not-an-email"}""", "invalid-request" },
        { "POST", """{"username":5}""", "invalid-request" },
        { "POST", $$"""{"username":"{{new string('a', 65)}}"}""", "username-invalid" },
        { "POST", $$"""{"username":"ok-name","roles":["{{new string('r', 65)}}"]}""", "invalid-request" },
        { "POST", $$"""{"username":"ok-name","displayName":"{{new string('d', 129)}}"}""", "invalid-request" },
        { "PATCH", $$"""{"displayName":"{{new string('d', 129)}}"}""", "invalid-request" },
        { "PATCH", """{"role":["admin"]}""", "invalid-request" },
        { "PATCH", """{"disabled":"yes"}""", "invalid-request" },
        { "PATCH", """{"roles":["admin", 1]}""", "invalid-request" },
        { "PATCH", """[]""", "invalid-request" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task AdminApi_BadInput_IsA400ProblemAndChangesNothing(string method, string body, string code)
    {
        var (user, _, _) = await Admin.CreateUserAsync(UniqueName.For("target"), ["keep"]);
        var path = method == "POST" ? "/users" : $"/users/{user["id"]}";

        using var response = await Admin.SendAsync(new HttpMethod(method), path, JsonNode.Parse(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await ProblemResponse.ReadAsync(response)).Code);
        using var read = await Admin.SendAsync(HttpMethod.Get, $"/users/{user["id"]}");
        Assert.Equal(["keep"], (await AdminApi.ReadAsync(read, HttpStatusCode.OK))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task AdminApi_TakenUsername_Is409_AndNonAdmins_Are403()
    {
        var username = UniqueName.For("twice");
        await Admin.CreateUserAsync(username);

        using var taken = await Admin.SendAsync(HttpMethod.Post, "/users", new JsonObject { ["username"] = username.ToUpperInvariant() });
        var fullWidth = string.Concat(username.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'ａ') : c));
        using var takenFullWidth = await Admin.SendAsync(HttpMethod.Post, "/users", new JsonObject { ["username"] = fullWidth });
        Assert.Equal("username-taken", (await ProblemResponse.ReadAsync(takenFullWidth)).Code);
        using var forbidden = await Gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/.auth/admin/users")
        {
            Headers = { Authorization = new("Bearer", Gateway.IssueAccessToken(GatewayHost.Identity("pleb"))) },
        });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("username-taken", (await ProblemResponse.ReadAsync(taken)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task AdminApi_UnknownUserIds_Are404_ForEveryAction()
    {
        foreach (var (method, path, body) in new (HttpMethod, string, JsonNode?)[]
        {
            (HttpMethod.Get, "/users/no-such-id", null),
            (HttpMethod.Patch, "/users/no-such-id", new JsonObject { ["disabled"] = true }),
            (HttpMethod.Delete, "/users/no-such-id", null),
            (HttpMethod.Post, "/users/no-such-id/enrollment", null),
            (HttpMethod.Get, "/users/no-such-id/sessions", null),
        })
        {
            using var response = await Admin.SendAsync(method, path, body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("user-not-found", (await ProblemResponse.ReadAsync(response)).Code);
        }
    }

    private static string ToBase64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
