using System.Text.Json.Nodes;

namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>
/// The configuration the measured gateway runs with: an anonymous route under /public/ and an authenticated
/// catch-all in front of the nginx backend (as benchmarks/proxy-overhead.sh), Warning-level logs, and the ceremony
/// rate limits out of the way because all the load comes from one address (as the integration tests set them), and
/// open registration, because the load's users register themselves.
/// </summary>
internal static class GatewayConfig
{
    public static JsonObject Create(int port, Uri backend, string dataDirectory, string? redis, string? postgres)
    {
        var gateway = new JsonObject
        {
            ["PublicOrigin"] = $"http://localhost:{port}",
            ["Session"] = new JsonObject { ["Secure"] = false },
            ["DataDirectory"] = dataDirectory,
            ["Accounts"] = new JsonObject { ["Registration"] = "open" },
            ["RateLimits"] = new JsonObject { ["CeremoniesPerMinute"] = 1_000_000, ["FailedSignInsPerQuarterHour"] = 1_000_000 },
        };
        if (redis is not null)
        {
            gateway["Redis"] = new JsonObject { ["Configuration"] = redis };
        }

        if (postgres is not null)
        {
            gateway["Store"] = new JsonObject { ["Provider"] = "Postgres", ["ConnectionString"] = postgres };
        }

        return new JsonObject
        {
            ["Gateway"] = gateway,
            ["ReverseProxy"] = new JsonObject
            {
                ["Routes"] = new JsonObject
                {
                    ["anonymous"] = new JsonObject
                    {
                        ["ClusterId"] = "backend",
                        ["AuthorizationPolicy"] = "anonymous",
                        ["Match"] = new JsonObject { ["Path"] = "/public/{**rest}" },
                    },
                    ["protected"] = new JsonObject { ["ClusterId"] = "backend", ["Match"] = new JsonObject { ["Path"] = "/{**rest}" } },
                },
                ["Clusters"] = new JsonObject
                {
                    ["backend"] = new JsonObject
                    {
                        ["Destinations"] = new JsonObject { ["one"] = new JsonObject { ["Address"] = backend.ToString() } },
                    },
                },
            },
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
        };
    }
}
