using System.Text.Encodings.Web;

// A stand-in for an unmodified legacy app: it knows nothing about passkeys or tokens and simply shows the headers it
// receives, so the gateway's identity headers can be seen arriving. Bind it to loopback: only the gateway reaches it.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();

app.Map("/{**path}", (HttpRequest request) =>
{
    // Browsers get a page; curl and scripts (no text/html in Accept) get the headers as JSON.
    if (!request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
    {
        return Results.Json(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
    }

    var html = HtmlEncoder.Default;
    var rows = string.Concat(request.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(h =>
        $"<tr{(IsIdentityHeader(h.Key) ? " class=\"identity\"" : "")}><th>{html.Encode(h.Key)}</th><td>{html.Encode(h.Value.ToString())}</td></tr>"));
    var user = request.Headers["X-Forwarded-Preferred-Username"].ToString();
    return Results.Content(
        $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Legacy app</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%}
        th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;font-size:.9rem;word-break:break-all}th{white-space:nowrap;word-break:normal}
        tr.identity{background:#e6ffe6}</style></head>
        <body>
        <h1>Legacy app</h1>
        <p>{{(user.Length > 0 ? $"Hello, <strong>{html.Encode(user)}</strong>. The gateway vouched for you with the highlighted headers." : "No identity headers: this page was reached anonymously.")}}</p>
        <p>Path: <code>{{html.Encode(request.Path + request.QueryString)}}</code></p>
        <p><a href="/.auth/account">Your account</a> (passkeys, devices, sessions) · <a href="/.auth/admin">Administration</a> (needs the <code>admin</code> role) · <a href="/payments/">Payments</a> (needs a sign-in within the last 2 minutes)</p>
        <form method="post" action="/.auth/logout"><button type="submit">Sign out</button></form>
        <h2>Request headers received</h2>
        <table>{{rows}}</table>
        </body></html>
        """,
        "text/html; charset=utf-8");
});

app.Run();

static bool IsIdentityHeader(string name) =>
    name.StartsWith("X-Forwarded-User", StringComparison.OrdinalIgnoreCase)
    || name.StartsWith("X-Forwarded-Preferred", StringComparison.OrdinalIgnoreCase)
    || name.StartsWith("X-Forwarded-Email", StringComparison.OrdinalIgnoreCase)
    || name.StartsWith("X-Forwarded-Groups", StringComparison.OrdinalIgnoreCase)
    || name.StartsWith("X-Auth-", StringComparison.OrdinalIgnoreCase)
    || name.StartsWith("X-Device-", StringComparison.OrdinalIgnoreCase)
    || name.StartsWith("X-Gateway-", StringComparison.OrdinalIgnoreCase);
