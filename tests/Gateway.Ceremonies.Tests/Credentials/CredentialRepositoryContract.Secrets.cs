namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task GetOrCreateSecret_MadeOnce_ThenTheSameForEveryRepository_AndOnePerName()
    {
        var (one, other) = (OpenRepository(), OpenRepository());

        var made = await RaceAsync(
            () => one.GetOrCreateSecretAsync("decoys", 32, Cancel),
            () => other.GetOrCreateSecretAsync("decoys", 32, Cancel));

        Assert.Equal(32, made[0].Length);
        Assert.Equal(made[0], made[1]);
        Assert.Equal(made[0], await OpenRepository().GetOrCreateSecretAsync("decoys", 32, Cancel));
        Assert.NotEqual(made[0], await one.GetOrCreateSecretAsync("another", 32, Cancel));
        Assert.Contains(made[0], b => b != 0);
    }
}
