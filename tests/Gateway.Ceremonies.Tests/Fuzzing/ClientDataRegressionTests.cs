namespace PasskeyGateway.Ceremonies.Tests.Fuzzing;

/// <summary>
/// Inputs the <c>client-data</c> fuzz target found (docs/security.md): client data documents the reader must refuse
/// with <c>false</c>. Before the fix, the passkeys' reader of clientDataJSON let <see cref="InvalidOperationException"/>
/// out of <c>JsonElement.GetString()</c>, a 500 from the passkey endpoints; the one reader now serves every ceremony.
/// </summary>
public sealed class ClientDataRegressionTests
{
    public static TheoryData<string, string> Findings => new()
    {
        // Found by AFL++ (smoke run): bytes 0x7f 0xff, not UTF-8, inside the challenge string.
        { "invalid UTF-8 in a string", "eyJ0eXBlIjoid2VgdCIsImNoYWxsZW5nZSI6In//Iiwib3JpZ2luIjoiIiwiY3JuIjpmYWxzZX0=" },

        // The same class by another road: an escaped lone surrogate is valid UTF-8 and valid JSON syntax, but no string.
        { "escaped lone surrogate", "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiXHVkODAwIiwib3JpZ2luIjoiaHR0cDovL2xvY2FsaG9zdDo1MDgwIn0=" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void ClientData_UntranscodableString_IsRefusedNotThrown(string finding, string base64)
    {
        Assert.False(ClientData.TryRead(Convert.FromBase64String(base64), out _), finding);
    }
}
