using System.Text;

namespace PasskeyGateway.Ceremonies.Tests;

/// <summary>
/// The client data document — WebAuthn's clientDataJSON and the one device and biometric keys sign (DESIGN.md §4) —
/// read so that no two readers of the signed bytes can disagree.
/// </summary>
public sealed class ClientDataTests
{
    [Fact]
    public void TryRead_BrowserClientDataJson_ReadsTypeChallengeAndOrigin()
    {
        var json = """{"type":"webauthn.get","challenge":"F2ORS-BMzO_JsYyYHMUbwA","origin":"http://localhost:5080","crossOrigin":false}""";

        Assert.True(ClientData.TryRead(Encoding.UTF8.GetBytes(json), out var document));

        Assert.Equal(new ClientData("webauthn.get", "F2ORS-BMzO_JsYyYHMUbwA", "http://localhost:5080", null, null, null), document);
    }

    [Fact]
    public void TryRead_ChallengeLongerThanAnyTheGatewayIssues_IsRefused()
    {
        var json = $$"""{"type":"webauthn.get","challenge":"{{new string('A', ClientData.MaxChallengeLength + 1)}}","origin":"o"}""";

        Assert.False(ClientData.TryRead(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void TryRead_FullDocument_ReadsEveryMember()
    {
        var json = """{"type":"biometric.authenticate","challenge":"abc","origin":"ios:bundle-id:com.example","keyId":"k","deviceId":"d","extra":{"ignored":true}}""";

        Assert.True(ClientData.TryRead(Encoding.UTF8.GetBytes(json), out var document));

        Assert.Equal(new ClientData("biometric.authenticate", "abc", "ios:bundle-id:com.example", null, "d", "k"), document);
    }

    [Theory]
    [InlineData("""{"type":"device.bind","type":"device.verify","challenge":"c","origin":"o"}""")]
    [InlineData("""{"type":"device.bind","challenge":"c","challenge":"d","origin":"o"}""")]
    [InlineData("""{"type":"device.bind","challenge":"c","origin":"o","deviceKeyId":"a","deviceKeyId":"b"}""")]
    [InlineData("""{"Type":"device.bind","challenge":"c","origin":"o"}""")]
    [InlineData("""{"type":1,"challenge":"c","origin":"o"}""")]
    [InlineData("""{"type":"device.bind","challenge":"c"}""")]
    [InlineData("""{"type":"","challenge":"c","origin":"o"}""")]
    [InlineData("""{"type":"device.bind","challenge":"c","origin":"o","deviceId":7}""")]
    [InlineData("""["device.bind","c","o"]""")]
    [InlineData("null")]
    [InlineData("""{"type":"device.bind","challenge":"c","origin":"o"} trailing""")]
    [InlineData("")]
    public void TryRead_AmbiguousOrIncompleteDocument_IsRefused(string json)
    {
        Assert.False(ClientData.TryRead(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void TryRead_InvalidUtf8_IsRefused()
    {
        Assert.False(ClientData.TryRead([.. "{\"type\":\""u8, 0xff, .. "\",\"challenge\":\"c\",\"origin\":\"o\"}"u8], out _));
    }

    [Fact]
    public void TryRead_LongerThanAClientWrites_IsRefused()
    {
        var json = $$"""{"type":"device.bind","challenge":"c","origin":"o","pad":"{{new string('x', ClientData.MaxBytes)}}"}""";

        Assert.False(ClientData.TryRead(Encoding.UTF8.GetBytes(json), out _));
    }
}
