namespace PasskeyGateway.Fuzz;

/// <summary>A starting input and the file name it is kept under.</summary>
internal sealed record FuzzSeed(string Name, byte[] Data);
