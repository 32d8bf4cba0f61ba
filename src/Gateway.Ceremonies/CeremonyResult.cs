using System.Diagnostics.CodeAnalysis;

namespace PasskeyGateway.Ceremonies;

/// <summary>Either a value or the failure that stopped the ceremony.</summary>
public readonly record struct CeremonyResult<T>(T? Value, CeremonyFailure? Failure)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static implicit operator CeremonyResult<T>(T value) => new(value, null);

    public static implicit operator CeremonyResult<T>(CeremonyFailure failure) => new(null, failure);
}
