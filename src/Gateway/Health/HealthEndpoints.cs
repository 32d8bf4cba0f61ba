using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PasskeyGateway.Health;

/// <summary>
/// <c>/healthz</c>: the process answers (no checks). <c>/readyz</c>: every registered readiness check, as JSON with
/// each check's state, 503 while any is unhealthy. <c>/readyz/local</c>: only the checks of this replica itself, not of
/// the servers every replica shares (Redis, PostgreSQL) — the readiness probe for Kubernetes, so an outage of a shared
/// server does not take every replica out of the Service while they can still serve signed-in users.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadinessTag = "ready";

    /// <summary>A readiness check about this replica alone.</summary>
    public const string LocalTag = "local";

    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadinessTag), ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz/local", new HealthCheckOptions { Predicate = c => c.Tags.Contains(LocalTag), ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status"u8, report.Status.ToString());
            writer.WriteStartObject("checks"u8);
            foreach (var (name, entry) in report.Entries)
            {
                writer.WriteStartObject(name);
                writer.WriteString("status"u8, entry.Status.ToString());
                if (entry.Description is { } description)
                {
                    writer.WriteString("description"u8, description);
                }

                writer.WriteNumber("durationMs"u8, Math.Round(entry.Duration.TotalMilliseconds, 1));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }
}
