using System.Diagnostics.CodeAnalysis;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>Either a value or the failure that stopped the ceremony.</summary>
public readonly record struct PasskeyResult<T>(T? Value, PasskeyFailure? Failure)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public static implicit operator PasskeyResult<T>(T value) => new(value, null);

    public static implicit operator PasskeyResult<T>(PasskeyFailure failure) => new(null, failure);
}
