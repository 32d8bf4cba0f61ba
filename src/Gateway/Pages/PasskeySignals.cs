using PasskeyGateway.Configuration;

namespace PasskeyGateway.Pages;

/// <summary>
/// When the pages may use the WebAuthn Signal API (DESIGN.md §11.2): only when the relying party id is the public
/// origin's host. A passkey is scoped to the relying party id, so with a parent-domain id (<c>example.com</c> for
/// <c>app.example.com</c>) another site of the domain may know credentials this gateway does not: telling the browser
/// they are unknown could prune a good passkey.
/// </summary>
internal static class PasskeySignals
{
    public static string RelyingPartyId(GatewayOptions options) =>
        options.RelyingParty.Id is { Length: > 0 } id ? id : options.PublicOrigin!.Host;

    public static bool Allowed(GatewayOptions options) =>
        string.Equals(RelyingPartyId(options), options.PublicOrigin?.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>The attributes a page's <c>main</c> element carries for its script.</summary>
    public static string DataAttributes(GatewayOptions options) =>
        $"data-rp-id=\"{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(RelyingPartyId(options))}\" data-signals=\"{(Allowed(options) ? "true" : "false")}\"";
}
