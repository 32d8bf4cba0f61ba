using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>A key being registered (a device key or a biometric key), read and held to the rules of DESIGN.md §10.</summary>
internal sealed record NewPublicKey(byte[] Spki, KeyAlgorithm Algorithm, SignatureFormat Format)
{
    /// <summary>The request's <c>publicKey</c> (SPKI, base64url), <c>algorithm</c> and <c>signatureFormat</c>.</summary>
    public static CeremonyResult<NewPublicKey> Read(string? publicKey, string? algorithmName, string? formatName)
    {
        if (KeyRequestFields.Algorithm(algorithmName, out var algorithm) is { } badAlgorithm)
        {
            return badAlgorithm;
        }

        if (KeyRequestFields.Format(formatName, algorithm, out var format) is { } badFormat)
        {
            return badFormat;
        }

        var encoded = KeyRequestFields.Binary(publicKey, "publicKey", KeySignatures.MaxPublicKeyBytes);
        if (!encoded.Succeeded)
        {
            return encoded.Failure;
        }

        var spki = KeySignatures.ReadPublicKey(encoded.Value, algorithm);
        return spki.Succeeded ? new NewPublicKey(spki.Value, algorithm, format) : spki.Failure;
    }

    /// <summary>Proof of possession: the new key signed the client data.</summary>
    public bool Signed(SignedClientData signed) => KeySignatures.Verify(Spki, Algorithm, Format, signed.ClientData, signed.Signature);
}
