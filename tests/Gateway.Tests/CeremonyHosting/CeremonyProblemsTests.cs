using PasskeyGateway.Ceremonies;
using PasskeyGateway.CeremonyHosting;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Tests.CeremonyHosting;

public sealed class CeremonyProblemsTests
{
    public static TheoryData<CeremonyError> Errors => new(Enum.GetValues<CeremonyError>());

    [Theory]
    [MemberData(nameof(Errors))]
    public void For_EveryCeremonyError_IsAClientProblemOfTheCatalog(CeremonyError error)
    {
        var problem = CeremonyProblems.For(error);

        Assert.InRange(problem.Status, 400, 499);
        Assert.Same(problem, ProblemCatalog.ByCode[problem.Code]);
    }

    [Fact]
    public void For_TheErrorsOfEveryCeremony_KeepTheirCodes()
    {
        // The codes clients match on, the same whichever ceremony failed.
        Assert.Equal("credential-malformed", CeremonyProblems.For(CeremonyError.CredentialMalformed).Code);
        Assert.Equal("invalid-request", CeremonyProblems.For(CeremonyError.InvalidRequest).Code);
        Assert.Equal("challenge-invalid", CeremonyProblems.For(CeremonyError.ChallengeUnknown).Code);
        Assert.Equal("challenge-expired", CeremonyProblems.For(CeremonyError.ChallengeExpired).Code);
        Assert.Equal("signature-invalid", CeremonyProblems.For(CeremonyError.SignatureInvalid).Code);
        Assert.Equal("account-disabled", CeremonyProblems.For(CeremonyError.AccountDisabled).Code);
    }
}
