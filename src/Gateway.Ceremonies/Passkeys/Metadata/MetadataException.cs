namespace PasskeyGateway.Ceremonies.Passkeys.Metadata;

/// <summary>The metadata BLOB cannot be used (bad chain, bad signature, rolled back); a configuration problem.</summary>
public sealed class MetadataException : Exception
{
    public MetadataException()
    {
    }

    public MetadataException(string message)
        : base(message)
    {
    }

    public MetadataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
