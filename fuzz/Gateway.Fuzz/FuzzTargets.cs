using System.Collections.Frozen;
using PasskeyGateway.Fuzz.Keys;
using PasskeyGateway.Fuzz.Passkeys;
using PasskeyGateway.Fuzz.Tokens;

namespace PasskeyGateway.Fuzz;

/// <summary>
/// The targets by name, as factories: a target runs instrumented code as it is built (the JWT target builds the whole
/// gateway), which may only happen once SharpFuzz has set up coverage.
/// </summary>
internal static class FuzzTargets
{
    private static readonly FrozenDictionary<string, Func<IFuzzTarget>> Factories = new Dictionary<string, Func<IFuzzTarget>>(StringComparer.Ordinal)
    {
        [AttestationObjectTarget.TargetName] = () => new AttestationObjectTarget(),
        [AttestationJsonTarget.TargetName] = () => new AttestationJsonTarget(),
        [CoseKeyTarget.TargetName] = () => new CoseKeyTarget(),
        [ClientDataTarget.TargetName] = () => new ClientDataTarget(),
        [DeviceKeyTarget.TargetName] = () => new DeviceKeyTarget(),
        [JwtTarget.TargetName] = () => new JwtTarget(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Names => Factories.Keys.Order(StringComparer.Ordinal);

    public static Func<IFuzzTarget>? Find(string name) => Factories.GetValueOrDefault(name);
}
