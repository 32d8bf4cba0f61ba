using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A browser-like client of the passkey endpoints: JSON calls, a cookie jar for the session cookie, and a
/// <see cref="SoftwareAuthenticator"/> that answers the options.
/// </summary>
public sealed class PasskeyClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly HttpClient _bearerClient;

    public PasskeyClient(GatewayHost gateway, SoftwareAuthenticator? authenticator = null)
        : this(gateway.Address, authenticator ?? new SoftwareAuthenticator($"http://localhost:{gateway.Port}", "localhost"))
    {
    }

    /// <summary>A client of the gateway at <paramref name="address"/>; replicas behind one origin share an authenticator and a cookie jar.</summary>
    public PasskeyClient(Uri address, SoftwareAuthenticator authenticator, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = address };
        _bearerClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        Authenticator = authenticator;
    }

    public SoftwareAuthenticator Authenticator { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _client;

    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode body) =>
        _client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public async Task<JsonNode> OptionsAsync(string path, JsonNode body)
    {
        using var response = await PostJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Registration options then a credential from the authenticator, posted as the browser would.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(string? username, Func<JsonObject, JsonObject>? tamper = null)
    {
        var options = await OptionsAsync("/.auth/passkeys/registration/options", username is null ? new JsonObject() : new JsonObject { ["username"] = username, ["displayName"] = username.ToUpperInvariant() });
        var credential = Authenticator.Create(options);
        return await PostJsonAsync("/.auth/passkeys/registration", tamper?.Invoke(credential) ?? credential);
    }

    /// <summary>An enrollment through a link's token (DESIGN.md §11.1): options for it, then the new credential with it.</summary>
    public async Task<HttpResponseMessage> EnrollAsync(string token)
    {
        var options = await OptionsAsync("/.auth/enrollment/options", new JsonObject { ["token"] = token });
        return await PostJsonAsync("/.auth/enrollment", new JsonObject { ["token"] = token, ["credential"] = Authenticator.Create(options) });
    }

    public async Task<HttpResponseMessage> SignInAsync(string? username = null, StoredCredential? credential = null, uint? signCount = null, Func<JsonObject, JsonObject>? tamper = null)
    {
        var options = await OptionsAsync("/.auth/passkeys/authentication/options", username is null ? new JsonObject() : new JsonObject { ["username"] = username });
        var assertion = Authenticator.Get(options, credential, signCount);
        return await PostJsonAsync("/.auth/passkeys/authentication", tamper?.Invoke(assertion) ?? assertion);
    }

    /// <summary>
    /// A step-up: sign-in options asked with <c>"reauthenticate": true</c> in this client's session (its cookie), then
    /// the authenticator's assertion, posted with the same cookie.
    /// </summary>
    public async Task<HttpResponseMessage> ReauthenticateAsync()
    {
        var options = await OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["reauthenticate"] = true });
        return await PostJsonAsync("/.auth/passkeys/authentication", Authenticator.Get(options));
    }

    /// <summary>Calls a path through the gateway with the bearer token of a sign-in answer (and no cookie).</summary>
    public async Task<HttpResponseMessage> GetWithTokenAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _bearerClient.SendAsync(request);
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    /// <summary>The token of a sign-in answer, after checking its status; disposes the response.</summary>
    public static async Task<string> ReadTokenAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await ReadJsonAsync(response))["token"]!.GetValue<string>();
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _bearerClient.Dispose();
    }
}
