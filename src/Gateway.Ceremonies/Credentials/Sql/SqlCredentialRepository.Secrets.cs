using System.Security.Cryptography;

namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    public async Task<byte[]> GetOrCreateSecretAsync(string name, int length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 16);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.InsertUnlessTakenAsync("gateway_secrets", cancellationToken, ("name", name), ("value", RandomNumberGenerator.GetBytes(length)));
        var secret = await connection.QuerySingleAsync("SELECT value FROM gateway_secrets WHERE name = @name;", reader => reader.GetBytes(0), cancellationToken, ("@name", name));
        return secret ?? throw new InvalidOperationException($"The secret {name} was neither inserted nor found.");
    }
}
