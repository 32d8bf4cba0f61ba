using System.Text.Json;
using System.Text.Json.Nodes;

namespace PasskeyGateway.Testing;

/// <summary>How the fixture's Tomcat read a request: what its echo app (Tomcat/webapps/ROOT/WEB-INF/echo.jsp) answered.</summary>
internal sealed class TomcatEchoedRequest
{
    private readonly JsonObject _body;

    public TomcatEchoedRequest(string json)
    {
        _body = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException($"Not Tomcat's echo: {json}");
    }

    public string Method => Text("method")!;

    /// <summary><c>getRequestURI()</c>: the path as sent, path parameters and percent-escapes included.</summary>
    public string RequestUri => Text("requestURI")!;

    public string ServletPath => Text("servletPath")!;

    public string? PathInfo => Text("pathInfo");

    /// <summary><c>getServletPath() + getPathInfo()</c>: the decoded, normalized path Tomcat routes on.</summary>
    public string Path => Text("path")!;

    public string? Query => Text("query");

    /// <summary>Every value of every header whose name equals <paramref name="name"/> ignoring case.</summary>
    public IReadOnlyList<string> Header(string name) =>
        [.. _body["headers"]!.AsObject()
            .Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value!.AsArray().Select(v => v!.GetValue<string>()))];

    /// <summary>The header names as Tomcat reports them (lower case: Tomcat's <c>getHeaderNames()</c> folds them).</summary>
    public IReadOnlyList<string> HeaderNames => [.. _body["headers"]!.AsObject().Select(h => h.Key)];

    public override string ToString() => _body.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private string? Text(string name) => _body[name]?.GetValue<string>();
}
