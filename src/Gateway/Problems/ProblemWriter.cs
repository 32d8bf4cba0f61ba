using System.Text.Json;
using PasskeyGateway.Configuration;
using PasskeyGateway.Security;

namespace PasskeyGateway.Problems;

/// <summary>
/// Writes RFC 9457 problem details. The <c>type</c> is an absolute URL on the gateway itself
/// (<c>{PublicOrigin}{PathPrefix}/problems/{code}</c>) that answers with the problem's description, and the code is
/// repeated as the <c>code</c> extension member for clients that match on it.
/// </summary>
internal sealed class ProblemWriter(GatewayOptions options, SecurityHeaders securityHeaders)
{
    public const string ContentType = "application/problem+json";

    private readonly string _typeBase = $"{options.PublicOrigin!.GetLeftPart(UriPartial.Authority)}{options.PathPrefix}/problems/";

    public string TypeOf(GatewayProblem problem) => _typeBase + problem.Code;

    public Task WriteAsync(HttpContext context, GatewayProblem problem, string? detail = null, IReadOnlyList<string>? reasons = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.StatusCode = problem.Status;
        response.ContentType = ContentType;
        securityHeaders.Apply(response);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, TypeOf(problem));
            writer.WriteString("title"u8, problem.Title);
            writer.WriteNumber("status"u8, problem.Status);
            if (detail is not null)
            {
                writer.WriteString("detail"u8, detail);
            }

            writer.WriteString("code"u8, problem.Code);
            if (reasons is { Count: > 0 })
            {
                writer.WriteStartArray("reasons"u8);
                foreach (var reason in reasons)
                {
                    writer.WriteStringValue(reason);
                }

                writer.WriteEndArray();
            }

            if (context.TraceIdentifier is { Length: > 0 } traceId)
            {
                writer.WriteString("traceId"u8, traceId);
            }

            writer.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        return response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }
}
