using System.Diagnostics.CodeAnalysis;

namespace PasskeyGateway.Ceremonies.Keys;

/// <summary>Either a value or the failure that stopped the ceremony.</summary>
public readonly record struct KeyCeremonyResult<T>(T? Value, KeyCeremonyFailure? Failure)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static implicit operator KeyCeremonyResult<T>(T value) => new(value, null);

    public static implicit operator KeyCeremonyResult<T>(KeyCeremonyFailure failure) => new(null, failure);
}
