using Fido2NetLib.Objects;
using Microsoft.Extensions.Configuration;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Tests.Configuration;

/// <summary>
/// Settings that are choices bind to enums, whatever the case of the value, and AAGUIDs to GUIDs: the rest of the
/// gateway compares typed values, never strings (a case-sensitive <c>== "require"</c> once let <c>"Require"</c> past
/// validation). Every type the binder takes as one value converts, and a value of the wrong type is a problem.
/// </summary>
public sealed class TypedSettingsTests
{
    [Theory]
    [InlineData("require", AttestationMode.Require)]
    [InlineData("Require", AttestationMode.Require)]
    [InlineData("REQUIRE", AttestationMode.Require)]
    [InlineData("verify", AttestationMode.Verify)]
    [InlineData("None", AttestationMode.None)]
    public void Attestation_AnyCase_BindsToItsMode(string value, AttestationMode mode)
    {
        var (options, problems) = Bind($$"""{ "Passkeys": { "Attestation": "{{value}}" } }""");

        Assert.Empty(problems);
        Assert.Equal(mode, options.Passkeys.Attestation);
    }

    [Fact]
    public void Choices_BindToTheirEnums_AndAaguidsToGuids()
    {
        var (options, problems) = Bind("""
            { "Passkeys": { "UserVerification": "Discouraged", "ResidentKey": "required", "DeniedAaguids": [ "01020304-0506-0708-0102-030405060708" ] },
              "Store": { "Provider": "postgres" }, "Logging": { "Format": "JSON" },
              "Policies": { "p": { "AuthMethods": [ "Passkey", "external" ] } } }
            """);

        Assert.Empty(problems);
        Assert.Equal(UserVerificationRequirement.Discouraged, options.Passkeys.UserVerification);
        Assert.Equal(ResidentKeyRequirement.Required, options.Passkeys.ResidentKey);
        Assert.Equal([Guid.Parse("01020304-0506-0708-0102-030405060708")], options.Passkeys.DeniedAaguids);
        Assert.Equal(StoreProvider.Postgres, options.Store.Provider);
        Assert.Equal(LogFormat.Json, options.Logging.Format);
        Assert.Equal([AuthMethod.Passkey, AuthMethod.External], options.Policies["p"].AuthMethods);
    }

    [Theory]
    [InlineData("""{ "Passkeys": { "Attestation": "sometimes" } }""", "Gateway.Passkeys.Attestation")]
    [InlineData("""{ "Passkeys": { "Attestation": "2" } }""", "Gateway.Passkeys.Attestation")]
    [InlineData("""{ "Passkeys": { "AllowedAaguids": [ "yubikey" ] } }""", "Gateway.Passkeys.AllowedAaguids[0]")]
    [InlineData("""{ "Store": { "Provider": "Oracle" } }""", "Gateway.Store.Provider")]
    [InlineData("""{ "Logging": { "Format": "xml" } }""", "Gateway.Logging.Format")]
    [InlineData("""{ "Policies": { "p": { "AuthMethods": [ "password" ] } } }""", "Gateway.Policies.p.AuthMethods[0]")]
    public void Choice_NotAmongItsValues_IsAProblemAtItsPath(string json, string path)
    {
        var (_, problems) = Bind(json);

        Assert.Contains(problems, p => p.Path == path && p.Severity == ConfigProblemSeverity.Error);
    }

    /// <summary>Every scalar type the binder accepts, with a value of it.</summary>
    public static TheoryData<string, string, object> Scalars => new()
    {
        { nameof(EveryScalar.Flag), "true", true },
        { nameof(EveryScalar.Letter), "x", 'x' },
        { nameof(EveryScalar.SmallSigned), "-8", (sbyte)-8 },
        { nameof(EveryScalar.Small), "200", (byte)200 },
        { nameof(EveryScalar.ShortSigned), "-300", (short)-300 },
        { nameof(EveryScalar.ShortUnsigned), "60000", (ushort)60000 },
        { nameof(EveryScalar.Whole), "-70000", -70000 },
        { nameof(EveryScalar.WholeUnsigned), "4000000000", 4_000_000_000u },
        { nameof(EveryScalar.Large), "-9000000000", -9_000_000_000L },
        { nameof(EveryScalar.LongUnsigned), "18000000000000000000", 18_000_000_000_000_000_000UL },
        { nameof(EveryScalar.Fraction32), "1.5", 1.5f },
        { nameof(EveryScalar.Fraction64), "2.25", 2.25 },
        { nameof(EveryScalar.Money), "3.125", 3.125m },
        { nameof(EveryScalar.Text), "text", "text" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Binder_EveryScalarType_Converts(string property, string text, object expected)
    {
        var problems = new List<ConfigProblem>();

        var bound = new StrictConfigurationBinder(problems).Bind<EveryScalar>(Section($$"""{ "S": { "{{property}}": "{{text}}" } }""", "S"));

        Assert.Empty(problems);
        Assert.Equal(expected, typeof(EveryScalar).GetProperty(property)!.GetValue(bound));
    }

    [Theory]
    [InlineData(nameof(EveryScalar.Letter), "xy")]
    [InlineData(nameof(EveryScalar.Small), "256")]
    [InlineData(nameof(EveryScalar.SmallSigned), "-129")]
    [InlineData(nameof(EveryScalar.ShortUnsigned), "-1")]
    [InlineData(nameof(EveryScalar.WholeUnsigned), "4294967296")]
    [InlineData(nameof(EveryScalar.Fraction32), "NaN")]
    [InlineData(nameof(EveryScalar.Fraction64), "Infinity")]
    [InlineData(nameof(EveryScalar.Money), "a lot")]
    [InlineData(nameof(EveryScalar.Id), "{not-a-guid}")]
    [InlineData(nameof(EveryScalar.Version), "two")]
    public void Binder_ValueOfTheWrongType_IsAProblemAtItsPath(string property, string text)
    {
        var problems = new List<ConfigProblem>();

        new StrictConfigurationBinder(problems).Bind<EveryScalar>(Section($$"""{ "S": { "{{property}}": "{{text}}" } }""", "S"));

        Assert.Equal($"S.{property}", Assert.Single(problems).Path);
    }

    [Fact]
    public void Binder_TakesAsOneValue_OnlyTheTypesItConverts()
    {
        foreach (var property in typeof(EveryScalar).GetProperties())
        {
            Assert.True(StrictConfigurationBinder.IsScalar(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType), property.Name);
        }

        Assert.False(StrictConfigurationBinder.IsScalar(typeof(nint)));
        Assert.False(StrictConfigurationBinder.IsScalar(typeof(DateTime)));
    }

    [Fact]
    public void OpenApi_IsOnByDefault_AndTurnsOffWithABoolean()
    {
        var (defaults, none) = Bind("{}");
        var (off, problems) = Bind("""{ "OpenApi": { "Enabled": false } }""");
        var (_, wrong) = Bind("""{ "OpenApi": { "Enable": false, "Enabled": "no" } }""");

        Assert.Empty(none);
        Assert.True(defaults.OpenApi.Enabled);
        Assert.Empty(problems);
        Assert.False(off.OpenApi.Enabled);
        Assert.Equal(["Gateway.OpenApi.Enable", "Gateway.OpenApi.Enabled"], wrong.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    private static (GatewayOptions Options, List<ConfigProblem> Problems) Bind(string gatewayJson)
    {
        var problems = new List<ConfigProblem>();
        var options = new StrictConfigurationBinder(problems).Bind<GatewayOptions>(Section($$"""{ "Gateway": {{gatewayJson}} }""", "Gateway"));
        return (options, problems);
    }

    private static IConfigurationSection Section(string json, string name) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build().GetSection(name);

    public sealed record EveryScalar
    {
        public bool Flag { get; init; }

        public char Letter { get; init; }

        public sbyte SmallSigned { get; init; }

        public byte Small { get; init; }

        public short ShortSigned { get; init; }

        public ushort ShortUnsigned { get; init; }

        public int Whole { get; init; }

        public uint WholeUnsigned { get; init; }

        public long Large { get; init; }

        public ulong LongUnsigned { get; init; }

        public float Fraction32 { get; init; }

        public double Fraction64 { get; init; }

        public decimal Money { get; init; }

        public string? Text { get; init; }

        public Guid Id { get; init; }

        public TimeSpan? Span { get; init; }

        public Uri? Address { get; init; }

        public Version? Version { get; init; }

        public LogFormat Choice { get; init; }
    }
}
