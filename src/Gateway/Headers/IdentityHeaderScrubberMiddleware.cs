using PasskeyGateway.Configuration;

namespace PasskeyGateway.Headers;

/// <summary>
/// Removes every client-supplied copy of the identity and assertion headers before anything reads the request, on
/// every route, anonymous ones included (DESIGN.md §6). Names match case-insensitively with '_' and '-' alike;
/// repeated headers and comma-joined values go with their name.
/// </summary>
internal sealed partial class IdentityHeaderScrubberMiddleware(RequestDelegate next, GatewayConfigAccessor config, ILogger<IdentityHeaderScrubberMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var scrubbed = config.Current.Headers.Scrubbed;
        var headers = context.Request.Headers;
        List<string>? found = null;
        foreach (var header in headers)
        {
            if (scrubbed.Contains(header.Key))
            {
                (found ??= []).Add(header.Key);
            }
        }

        if (found is null)
        {
            return next(context);
        }

        foreach (var name in found)
        {
            headers.Remove(name);
            Log.HeaderScrubbed(logger, name);
        }

        return next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Debug, "Removed client-supplied identity header {Header}.")]
        public static partial void HeaderScrubbed(ILogger logger, string header);
    }
}
