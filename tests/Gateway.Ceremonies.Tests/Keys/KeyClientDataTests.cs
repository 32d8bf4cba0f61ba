using System.Text;
using PasskeyGateway.Ceremonies.Keys;

namespace PasskeyGateway.Ceremonies.Tests.Keys;

/// <summary>The client data document of DESIGN.md §4, read so that no two readers of the signed bytes can disagree.</summary>
public sealed class KeyClientDataTests
{
    [Fact]
    public void TryRead_FullDocument_ReadsEveryMember()
    {
        var json = """{"type":"biometric.authenticate","challenge":"abc","origin":"ios:bundle-id:com.example","keyId":"k","deviceId":"d","extra":{"ignored":true}}""";

        Assert.True(KeyClientData.TryRead(Encoding.UTF8.GetBytes(json), out var document));

        Assert.Equal(new KeyClientData("biometric.authenticate", "abc", "ios:bundle-id:com.example", null, "d", "k"), document);
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
        Assert.False(KeyClientData.TryRead(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void TryRead_InvalidUtf8_IsRefused()
    {
        Assert.False(KeyClientData.TryRead([.. "{\"type\":\""u8, 0xff, .. "\",\"challenge\":\"c\",\"origin\":\"o\"}"u8], out _));
    }

    [Fact]
    public void TryRead_LongerThanAClientWrites_IsRefused()
    {
        var json = $$"""{"type":"device.bind","challenge":"c","origin":"o","pad":"{{new string('x', KeyClientData.MaxBytes)}}"}""";

        Assert.False(KeyClientData.TryRead(Encoding.UTF8.GetBytes(json), out _));
    }
}
