namespace PasskeyGateway.CeremonyHosting;

internal enum CeremonyStep
{
    /// <summary>Hands out a challenge (and the options around it).</summary>
    Options,

    /// <summary>Answers a challenge: registers, signs in or proves something.</summary>
    Finish,
}
