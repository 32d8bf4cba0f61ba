using System.Collections.Concurrent;
using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// Records what a page did (console lines, script errors, failed and refused requests) so a browser step that does not
/// arrive explains itself: the failure names the page's status text, its address, what it logged, and the gateway's
/// warnings instead of a bare timeout.
/// </summary>
internal sealed class PageWatch
{
    private readonly IPage _page;
    private readonly GatewayHost _gateway;
    private readonly ConcurrentQueue<string> _events = new();

    private PageWatch(IPage page, GatewayHost gateway)
    {
        _page = page;
        _gateway = gateway;
        page.Console += (_, message) => _events.Enqueue($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => _events.Enqueue($"script error: {error}");
        page.RequestFailed += (_, request) => _events.Enqueue($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                _events.Enqueue($"navigated to {frame.Url}");
            }
        };
        page.DOMContentLoaded += (_, _) => _events.Enqueue("DOMContentLoaded");
        page.Load += (_, _) => _events.Enqueue("load");
        page.RequestFinished += (_, request) =>
        {
            if (request.ResourceType == "document")
            {
                _events.Enqueue($"document {request.Url} finished");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _events.Enqueue($"{response.Request.Method} {response.Url} answered {response.Status}");
            }
        };
    }

    public static async Task<(IPage Page, PageWatch Watch)> OpenAsync(IBrowserContext context, GatewayHost gateway)
    {
        var page = await context.NewPageAsync();
        return (page, new PageWatch(page, gateway));
    }

    /// <summary>
    /// Waits until the page has loaded <paramref name="url"/> (exactly), or fails with everything the page showed and
    /// logged. Both waits poll in the browser: <c>WaitForURLAsync</c> listens for a navigation event instead, and misses
    /// one that lands between its URL check and its subscription — a race that busy machines lose now and then.
    /// </summary>
    public async Task ArrivesAtAsync(string url)
    {
        try
        {
            await Assertions.Expect(_page).ToHaveURLAsync(url, new() { Timeout = 30_000 });
            await _page.WaitForFunctionAsync("document.readyState === 'complete'", null, new() { Timeout = 30_000 });
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            var path = new Uri(url).PathAndQuery;
            var served = _gateway.Logs.Lines.Where(l => l.Contains(path, StringComparison.Ordinal));
            throw new TimeoutException(
                $"The page did not arrive at {url}: {e.Message} {await DescribeAsync()}{Environment.NewLine}Gateway lines about {path}:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", served)}", e);
        }
    }

    /// <summary>Runs an assertion on the page and, when it fails, adds what the page showed and logged.</summary>
    public async Task ExpectAsync(Func<Task> assertion)
    {
        try
        {
            await assertion();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException($"{e.Message} {await DescribeAsync()}", e);
        }
    }

    private async Task<string> DescribeAsync()
    {
        string status;
        try
        {
            var element = _page.Locator("#status");
            status = await element.CountAsync() > 0 ? $"'{await element.TextContentAsync(new() { Timeout = 2_000 })}'" : "(no status element)";
        }
        catch (PlaywrightException e)
        {
            status = $"(unreadable: {e.Message})";
        }

        string readyState;
        try
        {
            readyState = await _page.EvaluateAsync<string>("document.readyState");
        }
        catch (PlaywrightException e)
        {
            readyState = $"unreadable: {e.Message}";
        }

        status += $", document {readyState}";
        var warnings = _gateway.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        return $"Now at {_page.Url}; page status {status}.{Environment.NewLine}Page events:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", _events)}"
            + $"{Environment.NewLine}Gateway warnings:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", warnings)}";
    }
}
