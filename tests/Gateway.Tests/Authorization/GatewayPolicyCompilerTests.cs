using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Authentication;
using PasskeyGateway.Authorization;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Configuration;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Tests.Authorization;

/// <summary>
/// Configured policies compiled to ASP.NET Core policies and evaluated by ASP.NET Core's own authorization service
/// with the gateway's requirement handler, on principals built by hand: every condition must hold, and each failing
/// one is reported by its code.
/// </summary>
public sealed class GatewayPolicyCompilerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public GatewayPolicyCompilerTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorization();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
        services.AddSingleton<IAuthorizationHandler, GatewayRequirementHandler>();
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    public static TheoryData<string, string[]> Cases => new()
    {
        // The principal's claims (type=value;…) and the failure codes expected (none: allowed).
        { "sub=alice;role=admin", [] },
        { "sub=alice;roles=admin", [] },
        { "sub=alice;role=user", ["role-missing"] },
        { "sub=alice;role=admin;department=engineering", [] },
        { "sub=alice;role=admin;department=sales", ["claim-missing"] },
        { "sub=alice;role=admin;auth_method=external", ["auth-method-not-allowed"] },
        { "sub=alice;role=admin;auth_time=old", ["reauthentication-required"] },
        { "sub=alice;role=admin;device_id=", ["device-required"] },
        { "sub=alice;role=admin;binding=NotBound", ["device-required"] },
        { "sub=alice;role=user;department=sales;auth_method=external;auth_time=old;device_id=", ["role-missing", "claim-missing", "auth-method-not-allowed", "reauthentication-required", "device-required"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Compile_EveryCondition_MustHold_AndEachFailureIsReportedByItsCode(string claims, string[] failures)
    {
        var policy = GatewayPolicyCompiler.Compile(new PolicyOptions
        {
            Roles = ["admin"],
            Claims = new Dictionary<string, IReadOnlyList<string>> { ["department"] = ["engineering", "research"] },
            AuthMethods = [AuthMethod.Passkey, AuthMethod.Biometric],
            KnownDevice = true,
            MaxAuthAge = TimeSpan.FromMinutes(5),
        });

        var result = await _services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(Principal(claims), policy);

        Assert.Equal(failures.Length == 0, result.Succeeded);
        Assert.Equal(failures.Order(StringComparer.Ordinal), (result.Failure?.FailureReasons.Select(r => r.Message) ?? []).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Compile_KnownDevice_IsNotMetByAnExternalIssuersDeviceClaim()
    {
        var policy = GatewayPolicyCompiler.Compile(new PolicyOptions { KnownDevice = true });
        var external = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x"), new Claim(GatewayClaimTypes.DeviceId, "d-1")], GatewayAuthenticationDefaults.External));

        var result = await _services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(external, policy);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Compile_KnownDevice_DeviceTheStoreCouldNotBeAskedAbout_IsAStoreOutage_NeverAnAllow()
    {
        var policy = GatewayPolicyCompiler.Compile(new PolicyOptions { KnownDevice = true });

        await Assert.ThrowsAsync<CredentialStoreUnavailableException>(
            () => _services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(Principal("sub=alice;binding=Unchecked"), policy));
    }

    [Fact]
    public async Task Deny_RefusesEvenAnAuthenticatedUser_AndAuthenticated_AllowsThem()
    {
        var authorization = _services.GetRequiredService<IAuthorizationService>();

        Assert.False((await authorization.AuthorizeAsync(Principal("sub=alice"), GatewayPolicyCompiler.Deny)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(Principal("sub=alice"), GatewayPolicyCompiler.Authenticated)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), GatewayPolicyCompiler.Authenticated)).Succeeded);
    }

    /// <summary>
    /// A self-issued principal meeting every condition but those <c>type=value</c> pairs replace: <c>auth_time=old</c>
    /// is an hour ago, an empty value removes the claim; <c>binding=…</c> is what the store said of its device (bound,
    /// unless changed or the <c>device_id</c> removed).
    /// </summary>
    private static ClaimsPrincipal Principal(string claims)
    {
        var binding = DeviceBinding.Bound;
        var list = new List<Claim>
        {
            new(GatewayClaimTypes.AuthMethod, AuthMethods.Passkey),
            new(GatewayClaimTypes.AuthTime, Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(GatewayClaimTypes.DeviceId, "device-1"),
            new("department", "research"),
        };
        foreach (var pair in claims.Split(';'))
        {
            var (type, value) = (pair.Split('=')[0], pair.Split('=')[1]);
            if (type == "binding")
            {
                binding = Enum.Parse<DeviceBinding>(value);
                continue;
            }

            if (type == GatewayClaimTypes.DeviceId && value.Length == 0)
            {
                binding = DeviceBinding.None;
            }

            list.RemoveAll(c => c.Type == type && type is GatewayClaimTypes.AuthMethod or GatewayClaimTypes.AuthTime or GatewayClaimTypes.DeviceId or "department");
            if (type == GatewayClaimTypes.AuthTime && value == "old")
            {
                value = Now.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (value.Length > 0)
            {
                list.Add(new Claim(type, value));
            }
        }

        return new SelfIssuedPrincipal(new ClaimsIdentity(list, GatewayAuthenticationDefaults.SelfIssued), binding);
    }
}
