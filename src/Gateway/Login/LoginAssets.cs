using System.Collections.Frozen;
using PasskeyGateway.Endpoints;

namespace PasskeyGateway.Login;

/// <summary>The pages' scripts and styles, embedded in the gateway and read once.</summary>
internal static class LoginAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = new Dictionary<string, (byte[], string)>
    {
        ["login.js"] = (Read("login.js"), "text/javascript; charset=utf-8"),
        ["login.css"] = (Read("login.css"), "text/css; charset=utf-8"),
        ["account.js"] = (EmbeddedAssets.Read("PasskeyGateway.Pages.Assets.account.js"), "text/javascript; charset=utf-8"),
        ["admin.js"] = (EmbeddedAssets.Read("PasskeyGateway.Pages.Assets.admin.js"), "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryGet(string name, out (byte[] Content, string ContentType) asset) => Assets.TryGetValue(name, out asset);

    private static byte[] Read(string name) => EmbeddedAssets.Read("PasskeyGateway.Login.Assets." + name);
}
