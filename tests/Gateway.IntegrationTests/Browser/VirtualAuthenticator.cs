using Microsoft.Playwright;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>A Chrome DevTools Protocol virtual authenticator attached to one page's browser context.</summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _session;

    private VirtualAuthenticator(ICDPSession session, string id)
    {
        _session = session;
        Id = id;
    }

    public string Id { get; }

    /// <summary>A platform passkey provider: CTAP2 over "internal", resident keys, user verification (packed attestation).</summary>
    public static Task<VirtualAuthenticator> AddPlatformAsync(IPage page) => AddAsync(page, new()
    {
        ["protocol"] = "ctap2",
        ["transport"] = "internal",
        ["hasResidentKey"] = true,
        ["hasUserVerification"] = true,
        ["isUserVerified"] = true,
        ["automaticPresenceSimulation"] = true,
    });

    /// <summary>A U2F security key over USB: no resident keys, no user verification (fido-u2f attestation).</summary>
    public static Task<VirtualAuthenticator> AddSecurityKeyAsync(IPage page) => AddAsync(page, new()
    {
        ["protocol"] = "u2f",
        ["transport"] = "usb",
        ["hasResidentKey"] = false,
        ["hasUserVerification"] = false,
        ["automaticPresenceSimulation"] = true,
    });

    public async Task<int> CredentialCountAsync()
    {
        var result = await _session.SendAsync("WebAuthn.getCredentials", new() { ["authenticatorId"] = Id });
        return result!.Value.GetProperty("credentials").GetArrayLength();
    }

    private static async Task<VirtualAuthenticator> AddAsync(IPage page, Dictionary<string, object> options)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("WebAuthn.enable", new() { ["enableUI"] = false });
        var result = await session.SendAsync("WebAuthn.addVirtualAuthenticator", new() { ["options"] = options });
        return new VirtualAuthenticator(session, result!.Value.GetProperty("authenticatorId").GetString()!);
    }
}
