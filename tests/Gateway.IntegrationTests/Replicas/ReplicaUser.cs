using System.Net;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Replicas;

/// <summary>
/// One person behind the load balancer: one authenticator and one cookie jar, whose requests land on either replica
/// (cookies are scoped by host, not port, so both replicas see the session cookie, as behind one origin).
/// </summary>
public sealed class ReplicaUser : IDisposable
{
    public ReplicaUser(ReplicaPair replicas, string username)
    {
        Username = username;
        Authenticator = ReplicaPair.NewAuthenticator();
        var cookies = new CookieContainer();
        OnA = new PasskeyClient(replicas.A.Address, Authenticator, cookies);
        OnB = new PasskeyClient(replicas.B.Address, Authenticator, cookies);
    }

    public string Username { get; }

    public SoftwareAuthenticator Authenticator { get; }

    public PasskeyClient OnA { get; }

    public PasskeyClient OnB { get; }

    /// <summary>Creates the account on replica A (and signs in there); returns the sign-in token.</summary>
    public async Task<string> RegisterAsync() =>
        await PasskeyClient.ReadTokenAsync(await OnA.RegisterAsync(Username), HttpStatusCode.Created);

    /// <summary>Signs in on replica A with the user's passkey; returns the token of the new session.</summary>
    public async Task<string> SignInAsync() =>
        await PasskeyClient.ReadTokenAsync(await OnA.SignInAsync(Username), HttpStatusCode.OK);

    public void Dispose()
    {
        OnA.Dispose();
        OnB.Dispose();
    }
}
