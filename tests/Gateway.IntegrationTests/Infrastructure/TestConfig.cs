using System.Text.Json.Nodes;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The configuration most tests start from: one backend cluster and a route of every kind, with policies for each
/// condition. Tests change it as a JSON document before the gateway starts (or while it runs, for hot reload).
/// </summary>
public static class TestConfig
{
    public static JsonObject Create(int port, Uri backend, string dataDirectory) => new()
    {
        ["Gateway"] = new JsonObject
        {
            ["PublicOrigin"] = $"http://localhost:{port}",
            ["Session"] = new JsonObject { ["Secure"] = false },

            // Most tests create their users by a sign-up, as the demo does; AccountTests and EnrollmentTests close it.
            ["Accounts"] = new JsonObject { ["Registration"] = "open" },
            ["DataDirectory"] = dataDirectory,
            ["Policies"] = new JsonObject
            {
                ["admins"] = new JsonObject { ["Roles"] = new JsonArray("admin") },
                ["engineering"] = new JsonObject { ["Claims"] = new JsonObject { ["department"] = new JsonArray("engineering", "research") } },
                ["passkey-only"] = new JsonObject { ["AuthMethods"] = new JsonArray("passkey") },
                ["known-device"] = new JsonObject { ["KnownDevice"] = true },
                ["fresh"] = new JsonObject { ["MaxAuthAge"] = "00:05:00" },
            },
            ["Assertion"] = new JsonObject { ["Header"] = "X-Gateway-Assertion", ["Lifetime"] = "00:01:00" },

            // Every test client calls from loopback, one address: the limits are tested on their own (RateLimitTests).
            ["RateLimits"] = new JsonObject { ["CeremoniesPerMinute"] = 1_000_000, ["FailedSignInsPerQuarterHour"] = 1_000_000 },
        },
        ["ReverseProxy"] = new JsonObject
        {
            ["Routes"] = new JsonObject
            {
                ["public"] = Route("/public/{**rest}", "anonymous"),
                ["admin"] = Route("/admin/{**rest}", "admins"),
                ["engineering"] = Route("/engineering/{**rest}", "engineering"),
                ["passkey-only"] = Route("/passkey-only/{**rest}", "passkey-only"),
                ["known-device"] = Route("/known-device/{**rest}", "known-device"),
                ["fresh"] = Route("/fresh/{**rest}", "fresh"),
                ["default-policy"] = Route("/default-policy/{**rest}", "default"),
                ["forward-credentials"] = new JsonObject
                {
                    ["ClusterId"] = "backend",
                    ["Match"] = new JsonObject { ["Path"] = "/forward-credentials/{**rest}" },
                    ["Metadata"] = new JsonObject { ["Gateway.ForwardAuthorization"] = "true", ["Gateway.ForwardSessionCookie"] = "true" },
                },
                ["app"] = Route("/{**rest}", null),
            },
            ["Clusters"] = new JsonObject
            {
                ["backend"] = new JsonObject
                {
                    ["Destinations"] = new JsonObject { ["one"] = new JsonObject { ["Address"] = backend.ToString() } },
                },
            },
        },
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Debug", ["Microsoft"] = "Warning", ["System"] = "Warning" } },
    };

    public static JsonObject Route(string path, string? policy)
    {
        var route = new JsonObject { ["ClusterId"] = "backend", ["Match"] = new JsonObject { ["Path"] = path } };
        if (policy is not null)
        {
            route["AuthorizationPolicy"] = policy;
        }

        return route;
    }
}
