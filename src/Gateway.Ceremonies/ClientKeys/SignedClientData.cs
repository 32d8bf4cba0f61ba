namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>The exact client data bytes a key signed, and its signature, as the request carried them (base64url).</summary>
internal sealed record SignedClientData(byte[] ClientData, byte[] Signature)
{
    public static CeremonyResult<SignedClientData> Read(string? clientData, string? signature)
    {
        var data = KeyRequestFields.Binary(clientData, "clientData", Ceremonies.ClientData.MaxBytes);
        if (!data.Succeeded)
        {
            return data.Failure;
        }

        var signed = KeyRequestFields.Binary(signature, "signature", KeySignatures.MaxSignatureBytes);
        return signed.Succeeded ? new SignedClientData(data.Value, signed.Value) : signed.Failure;
    }
}
