using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>
/// What every <see cref="ICredentialRepository"/> must do (STYLE.md: one contract suite, run against each
/// implementation). A subclass supplies the store: empty for each test, shared by every repository it opens.
/// </summary>
public abstract partial class CredentialRepositoryContract
{
    private static readonly DateTimeOffset Now = CredentialSamples.Now;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A repository on this test's store. Each call returns another instance, as another replica would have.</summary>
    protected abstract ICredentialRepository OpenRepository();

    /// <summary>Runs SQL on this test's store directly, outside any repository.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>The versions recorded in the store's <c>schema_version</c> table, in order.</summary>
    protected abstract Task<IReadOnlyList<long>> ReadSchemaVersionsAsync();

    private static async Task<UserAccount> CreateUserAsync(ICredentialRepository repository, string username)
    {
        var user = CredentialSamples.User(username);
        Assert.Equal(CreateResult.Created, await repository.CreateUserAsync(user, Cancel));
        return user;
    }

    /// <summary>Runs both operations at once from two threads, released together, so they really race.</summary>
    private static async Task<T[]> RaceAsync<T>(Func<Task<T>> first, Func<Task<T>> second)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = new[] { first, second }.Select(operation => Task.Run(async () =>
        {
            await start.Task;
            return await operation();
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }
}
