using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The HTTP calls of the mix against one gateway, as a script or native client makes them: no cookies (so no
/// Origin-based CSRF check applies), no redirects, a bounded wait. Failures become short reasons: the status and the
/// problem's stable <c>code</c>, or the kind of transport error — never a body.
/// </summary>
/// <remarks>
/// At most <c>connections</c> connections for the proxied routes and as many for the ceremonies, as wrk2 runs its
/// constant-rate open loop over a fixed set: requests that find them all busy wait in the client's queue, and that
/// wait counts in their latency (timed from when they were due). Without a bound, an overloaded gateway made the
/// generator open thousands of connections, and setting them up on the same two cores took more than the requests
/// themselves (a 1-minute soak fell from 4,400 to 3,500 operations/s with 5,000 unanswered). Two sets, because they
/// stand for different clients: sign-ins held up by a store outage must not queue proxied requests behind them
/// here, where the gateway would not. (A set per class starved the JWT route, 60 % of the mix, of connections.)
/// </remarks>
internal sealed class MixClient : IDisposable
{
    public const string JwtPath = "/soak/jwt";
    public const string AnonymousPath = "/public/soak";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] UsernamelessOptions = "{}"u8.ToArray();

    private readonly HttpClient _proxied;
    private readonly HttpClient _ceremonies;
    private readonly AuthenticationHeaderValue _bearer;

    public MixClient(Uri gateway, string token, int connections)
    {
        _proxied = Create(gateway, connections);
        _ceremonies = Create(gateway, connections);
        _bearer = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<Outcome> GetJwtRouteAsync() => SendAsync(_proxied, () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, JwtPath);
        request.Headers.Authorization = _bearer;
        return request;
    });

    public Task<Outcome> GetAnonymousRouteAsync() => SendAsync(_proxied, () => new HttpRequestMessage(HttpMethod.Get, AnonymousPath));

    /// <summary>Registers a new account with the authenticator's new passkey, through the real endpoints.</summary>
    public async Task RegisterAsync(SoftwareAuthenticator authenticator, string username)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["username"] = username, ["displayName"] = username }.ToJsonString());
        using var optionsRequest = Post("/.auth/passkeys/registration/options", body);
        using var options = await _ceremonies.SendAsync(optionsRequest);
        await EnsureAsync(options, HttpStatusCode.OK, "registration options");
        var credential = authenticator.Create(JsonNode.Parse(await options.Content.ReadAsStringAsync())!);
        using var finishRequest = Post("/.auth/passkeys/registration", Encoding.UTF8.GetBytes(credential.ToJsonString()));
        using var finish = await _ceremonies.SendAsync(finishRequest);
        await EnsureAsync(finish, HttpStatusCode.Created, "registration");
    }

    /// <summary>
    /// A usernameless sign-in. The assertion's signature counter is 0, as synced passkeys send it: the gateway then
    /// has no counter to compare, so nothing but the single-use challenge can refuse a replayed finish.
    /// </summary>
    /// <returns>The outcome, and on success the finish body that was accepted (for the replay check).</returns>
    public async Task<(Outcome Outcome, byte[]? Finish)> SignInAsync(SoftwareAuthenticator authenticator)
    {
        try
        {
            JsonNode options;
            using (var request = Post("/.auth/passkeys/authentication/options", UsernamelessOptions))
            using (var response = await _ceremonies.SendAsync(request))
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return (Outcome.Failed("options " + await ReasonAsync(response)), null);
                }

                options = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            }

            var finish = Encoding.UTF8.GetBytes(authenticator.Get(options, signCount: 0).ToJsonString());
            var outcome = await PostFinishAsync(finish);
            return (outcome.Succeeded ? outcome : outcome with { Error = "finish " + outcome.Error }, outcome.Succeeded ? finish : null);
        }
        catch (Exception e) when (Transport(e) is { } reason)
        {
            return (Outcome.Failed(reason), null);
        }
    }

    /// <summary>Posts a sign-in finish body; success is 200.</summary>
    public Task<Outcome> PostFinishAsync(byte[] body) => SendAsync(_ceremonies, () => Post("/.auth/passkeys/authentication", body));

    public void Dispose()
    {
        _proxied.Dispose();
        _ceremonies.Dispose();
    }

    private static HttpClient Create(Uri gateway, int connections) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxConnectionsPerServer = connections,
    })
    {
        BaseAddress = gateway,
        Timeout = RequestTimeout,
    };

    private static async Task<Outcome> SendAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        try
        {
            using var message = request();
            using var response = await client.SendAsync(message);
            return response.StatusCode == HttpStatusCode.OK ? Outcome.Success : Outcome.Failed(await ReasonAsync(response));
        }
        catch (Exception e) when (Transport(e) is { } reason)
        {
            return Outcome.Failed(reason);
        }
    }

    private static HttpRequestMessage Post(string path, byte[] body) => new(HttpMethod.Post, path)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    /// <summary>"503 challenge-store-unavailable": the status and, for a problem answer, its stable code.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return status;
        }

        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            return problem.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? $"{status} {code.GetString()}"
                : status;
        }
        catch (JsonException)
        {
            return status + " (unreadable problem)";
        }
    }

    private static string? Transport(Exception exception) => exception switch
    {
        TaskCanceledException => $"timeout ({RequestTimeout.TotalSeconds:F0} s)",
        HttpRequestException http => $"transport: {http.HttpRequestError}",
        _ => null,
    };

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what} answered {await ReasonAsync(response)}, not {(int)expected}.");
        }
    }
}
