using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Tests.Infrastructure;

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
    protected ICredentialRepository OpenRepository() => OpenRepository(Migrations);

    /// <summary>Runs SQL on this test's store directly, outside any repository.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>The versions recorded in the store's <c>schema_version</c> table, in order.</summary>
    protected abstract Task<IReadOnlyList<long>> ReadSchemaVersionsAsync();

    /// <summary>The names of the tables in this test's store.</summary>
    protected abstract Task<IReadOnlyList<string>> ReadTableNamesAsync();

    /// <summary>Installs a trigger that makes every UPDATE of <c>biometric_keys</c> fail with "injected failure".</summary>
    protected abstract Task FailBiometricKeyUpdatesAsync();

    /// <summary>The store's own migration steps.</summary>
    private protected abstract IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>As <see cref="OpenRepository()"/>, with other migration steps: for tests of the migration itself.</summary>
    private protected abstract ICredentialRepository OpenRepository(IReadOnlyList<SchemaMigration> migrations);

    private static async Task<UserAccount> CreateUserAsync(ICredentialRepository repository, string username)
    {
        var user = CredentialSamples.User(username);
        Assert.Equal(CreateResult.Created, await repository.CreateUserAsync(user, Cancel));
        return user;
    }

    /// <summary>Runs both operations at once from two threads, released together, so they really race.</summary>
    private static Task<T[]> RaceAsync<T>(Func<Task<T>> first, Func<Task<T>> second) => Race.AllAtOnceAsync([first, second]);
}
