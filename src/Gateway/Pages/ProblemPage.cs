using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Pages;

/// <summary>
/// A problem as a page for people, in the sign-in page's look: a title in words, one sentence on why, and the way on
/// (sign in as someone else, try again — in N seconds when the answer says so — or go back). It is what a browser
/// navigation sees instead of problem+json for a 403, 429 or 503, and the documentation page of every problem code.
/// Codes without words of their own fall back to their status's.
/// </summary>
internal static class ProblemPage
{
    public static string Render(string prefix, PageBranding branding, GatewayProblem problem, ProblemPageContext context)
    {
        var html = HtmlEncoder.Default;
        var p = html.Encode(prefix);
        var title = TextFor("problem.title.", problem);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p id=\"problem-why\">{html.Encode(TextFor("problem.why.", problem))}</p>");
        if (context.SignedInAs is { } user)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(PageText.Format("problem.signedInAs", user))}</p>");
        }

        if (context.Reasons is { Count: > 0 } reasons)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{Text("problem.reasons")}</p><ul id=\"problem-reasons\">");
            foreach (var reason in reasons)
            {
                var sentence = PageText.TryGet("problem.reason." + reason, out var text) ? text : PageText.Get("problem.reason.other");
                body.Append(CultureInfo.InvariantCulture, $"<li data-reason=\"{html.Encode(reason)}\">{html.Encode(sentence)}</li>");
            }

            body.Append("</ul>");
        }

        if (context.RetryAfterSeconds is { } seconds)
        {
            var wait = seconds <= 1 ? PageText.Get("problem.tryAgainInOneSecond") : PageText.Format("problem.tryAgainIn", seconds);
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"problem-retry\">{html.Encode(wait)}</p>");
        }

        return $$"""
            {{PageLayout.Head(p, PageText.Format("problem.documentTitle", title, branding.Name), branding)}}
            <body>
              {{PageLayout.Header(p, branding)}}
              <main id="problem" data-code="{{html.Encode(problem.Code)}}">
                <h1>{{html.Encode(title)}}</h1>
                {{body}}
                <div class="actions">{{Actions(p, problem, context)}}<a id="go-back" class="button secondary" href="/">{{Text("problem.goBack")}}</a></div>
                <p class="hint">{{html.Encode(PageText.Format("problem.code", problem.Code, problem.Status))}}</p>
                {{(context.IsDocumentation ? $"<p class=\"hint\">{html.Encode(PageText.Format("problem.forDevelopers", problem.Title))}</p>" : "")}}
              </main>
            </body>
            </html>
            """;
    }

    /// <summary>The way on: a new sign-in for a refusal, the same page again for a limit or an outage.</summary>
    private static string Actions(string encodedPrefix, GatewayProblem problem, ProblemPageContext context)
    {
        var html = HtmlEncoder.Default;
        var signIn = $"{encodedPrefix}/login?returnUrl={html.Encode(Uri.EscapeDataString(context.ReturnUrl ?? "/"))}";
        return problem.Status switch
        {
            StatusCodes.Status401Unauthorized => $"<a id=\"sign-in\" class=\"button\" href=\"{signIn}\">{Text("problem.signIn")}</a>",
            StatusCodes.Status403Forbidden when !context.IsDocumentation =>
                $"<a id=\"sign-in\" class=\"button\" href=\"{signIn}\">{Text("problem.signInAsSomeoneElse")}</a>",
            >= 500 or StatusCodes.Status429TooManyRequests when !context.IsDocumentation =>
                $"<a id=\"try-again\" class=\"button\" href=\"{html.Encode(context.ReturnUrl ?? "/")}\">{Text("problem.tryAgain")}</a>",
            _ => "",
        };
    }

    /// <summary>The code's own words, else its status's, else the words for any failure.</summary>
    private static string TextFor(string prefix, GatewayProblem problem) =>
        PageText.TryGet(prefix + problem.Code, out var text) ? text
        : PageText.TryGet(prefix + "status." + problem.Status.ToString(CultureInfo.InvariantCulture), out text) ? text
        : PageText.Get(prefix + "status.other");

    private static string Text(string key) => HtmlEncoder.Default.Encode(PageText.Get(key));
}
