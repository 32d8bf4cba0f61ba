using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.RevocationLatency;

/// <summary>
/// The calls of a script or native client against one replica: no cookies (so the bearer token is the session, and no
/// Origin-based CSRF check applies), no redirects, a bounded wait.
/// </summary>
internal sealed class ReplicaClient(Uri replica) : IDisposable
{
    private static readonly byte[] UsernamelessOptions = "{}"u8.ToArray();

    // Longer than the acknowledgement timeout (1 s) by far: a logout that waited it out is a figure, not a failure.
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = replica,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Registers a new account with the authenticator's new passkey, through the real endpoints.</summary>
    public async Task RegisterAsync(SoftwareAuthenticator authenticator, string username, CancellationToken cancellationToken)
    {
        var options = await PostJsonAsync(
            "/.auth/passkeys/registration/options",
            Encoding.UTF8.GetBytes(new JsonObject { ["username"] = username, ["displayName"] = username }.ToJsonString()),
            HttpStatusCode.OK,
            cancellationToken);
        await PostJsonAsync("/.auth/passkeys/registration", Encoding.UTF8.GetBytes(authenticator.Create(options).ToJsonString()), HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>A usernameless passkey sign-in: a new session, and the access token of the answer (it carries the session's <c>sid</c>).</summary>
    public async Task<string> SignInAsync(SoftwareAuthenticator authenticator, CancellationToken cancellationToken)
    {
        var options = await PostJsonAsync("/.auth/passkeys/authentication/options", UsernamelessOptions, HttpStatusCode.OK, cancellationToken);
        var answer = await PostJsonAsync("/.auth/passkeys/authentication", Encoding.UTF8.GetBytes(authenticator.Get(options).ToJsonString()), HttpStatusCode.OK, cancellationToken);
        return answer["token"]?.GetValue<string>() ?? throw new InvalidOperationException("The sign-in answer has no token.");
    }

    /// <summary><c>POST /.auth/logout</c> with the token: its status, and the time from sending to the whole answer read.</summary>
    public async Task<(HttpStatusCode Status, TimeSpan Elapsed)> LogOutAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return (response.StatusCode, Stopwatch.GetElapsedTime(started));
    }

    /// <summary><c>GET /.auth/me</c> with the token: 200 while this replica accepts it, 401 once it refuses it.</summary>
    public async Task<HttpStatusCode> MeAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => _client.Dispose();

    private async Task<JsonNode> PostJsonAsync(string path, byte[] body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        using var response = await _client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, not {(int)expected}: {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
