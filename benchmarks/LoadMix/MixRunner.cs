namespace PasskeyGateway.Benchmarks.LoadMix;

/// <summary>Runs one operation of the mix of a given class; hands each accepted sign-in finish to the replay check.</summary>
internal sealed class MixRunner(MixClient client, UserPool users, ReplayChecker? replays)
{
    public async Task<Outcome> RunAsync(RequestKind kind) => kind switch
    {
        RequestKind.Jwt => await client.GetJwtRouteAsync(),
        RequestKind.Anonymous => await client.GetAnonymousRouteAsync(),
        RequestKind.SignIn => await SignInAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task<Outcome> SignInAsync()
    {
        if (!users.TryTake(out var authenticator))
        {
            return Outcome.NoFreeUser;
        }

        try
        {
            var (outcome, finish) = await client.SignInAsync(authenticator);
            if (finish is not null)
            {
                replays?.Submit(finish);
            }

            return outcome;
        }
        finally
        {
            users.Return(authenticator);
        }
    }
}
