namespace PasskeyGateway.Endpoints;

/// <summary>Files embedded in the gateway (scripts, styles), read once at startup.</summary>
internal static class EmbeddedAssets
{
    public static byte[] Read(string logicalName)
    {
        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"The embedded asset {logicalName} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
