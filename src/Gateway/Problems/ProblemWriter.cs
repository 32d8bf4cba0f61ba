using System.Globalization;
using System.Text;
using System.Text.Json;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Pages;
using PasskeyGateway.Security;

namespace PasskeyGateway.Problems;

/// <summary>
/// Writes RFC 9457 problem details. The <c>type</c> is an absolute URL on the gateway itself
/// (<c>{PublicOrigin}{PathPrefix}/problems/{code}</c>) that answers with the problem's description, and the code is
/// repeated as the <c>code</c> extension member for clients that match on it. A browser navigation refused with a
/// 403, 429 or 503 gets the same status with a page for people instead (<see cref="ProblemPage"/>); every other
/// client, and every other status, gets problem+json.
/// </summary>
internal sealed class ProblemWriter(GatewayOptions options, SecurityHeaders securityHeaders, PageBranding branding)
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
        securityHeaders.Apply(response);
        if (problem.Status is StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
            && Challenge.IsHtmlNavigation(context.Request))
        {
            return WritePageAsync(context, problem, reasons);
        }

        response.ContentType = ContentType;
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

    private Task WritePageAsync(HttpContext context, GatewayProblem problem, IReadOnlyList<string>? reasons)
    {
        var request = context.Request;
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        if (HttpMethods.IsHead(request.Method))
        {
            return Task.CompletedTask;
        }

        var requested = request.PathBase + request.Path + request.QueryString;
        var retryAfter = int.TryParse(response.Headers.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : (int?)null;
        var user = context.User.Identity?.IsAuthenticated == true
            ? context.User.FindFirst(GatewayClaimTypes.PreferredUsername)?.Value ?? context.User.FindFirst(GatewayClaimTypes.Subject)?.Value
            : null;
        var page = ProblemPage.Render(
            options.PathPrefix,
            branding,
            problem,
            new ProblemPageContext(ReturnUrl.OrRoot(requested), reasons, retryAfter, problem.Status == StatusCodes.Status403Forbidden ? user : null));
        var bytes = Encoding.UTF8.GetBytes(page);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }
}
