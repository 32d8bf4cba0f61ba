using System.Net;
using PasskeyGateway.Ceremonies.Redis;
using StackExchange.Redis;

namespace PasskeyGateway.Ceremonies.Tests.Redis;

public sealed class RedisConnectionSettingsTests
{
    private const string Secret = "s3cret-Pa55";

    [Fact]
    public void Parse_UrlWithUserAndPassword_SetsBoth()
    {
        var options = Options($"redis://gateway:{Secret}@redis.internal:6380");

        Assert.Equal("gateway", options.User);
        Assert.Equal(Secret, options.Password);
        Assert.False(options.Ssl);
        var endPoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("redis.internal", 6380), (endPoint.Host, endPoint.Port));
    }

    [Fact]
    public void Parse_UrlWithPasswordOnly_AuthenticatesAsTheDefaultUser()
    {
        var options = Options($"redis://:{Secret}@redis");

        Assert.Null(options.User);
        Assert.Equal(Secret, options.Password);
        Assert.Equal(6379, Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints)).Port);
    }

    [Fact]
    public void Parse_UrlWithoutCredentials_HasNone()
    {
        var options = Options("redis://127.0.0.1");

        Assert.Null(options.User);
        Assert.Null(options.Password);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6379), Assert.Single(options.EndPoints));
    }

    [Theory]
    [InlineData("redis://redis/0", 0)]
    [InlineData("redis://redis:6379/7", 7)]
    [InlineData("redis://redis/15/", 15)]
    public void Parse_UrlWithDatabase_SelectsIt(string url, int database)
    {
        var settings = RedisConnectionSettings.Parse(url);

        Assert.Equal(database, settings.Database);
        Assert.Equal(database, settings.CreateConfigurationOptions().DefaultDatabase);
    }

    [Fact]
    public void Parse_RedissUrl_EnablesTlsOnTheRedisPort()
    {
        var settings = RedisConnectionSettings.Parse($"rediss://user:{Secret}@cache.example.com");
        var options = settings.CreateConfigurationOptions();

        Assert.True(settings.UseTls);
        Assert.True(options.Ssl);
        Assert.Equal(6379, Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints)).Port);
    }

    [Theory]
    [InlineData("redis://[::1]:6390/2", 6390)]
    [InlineData("redis://[::1]", 6379)]
    public void Parse_UrlWithIpv6Host_KeepsTheAddress(string url, int port)
    {
        var options = Options(url);

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, port), Assert.Single(options.EndPoints));
    }

    [Fact]
    public void Parse_PercentEncodedUserAndPassword_AreDecoded()
    {
        var options = Options("redis://us%3Aer:p%40ss%3Aw%2Frd%25%23%3F@redis");

        Assert.Equal("us:er", options.User);
        Assert.Equal("p@ss:w/rd%#?", options.Password);
    }

    [Fact]
    public void Parse_StackExchangeRedisString_IsTakenAsItIs()
    {
        var settings = RedisConnectionSettings.Parse($"redis-a:6379,redis-b:6379,user=gw,password={Secret},ssl=true,defaultDatabase=4", "tenant1");
        var options = settings.CreateConfigurationOptions();

        Assert.Equal(2, options.EndPoints.Count);
        Assert.Equal(("gw", Secret, true, 4), (options.User, options.Password, options.Ssl, options.DefaultDatabase));
        Assert.Equal("tenant1", settings.KeyPrefix);
        Assert.Equal("redis-a:6379,redis-b:6379", settings.EndPoints);
    }

    [Theory]
    [InlineData("redis://redis")]
    [InlineData("redis:6379")]
    public void Parse_Always_NeverAbortsOnConnectFailureAndFailsFastWithBoundedTimeouts(string configuration)
    {
        var options = Options(configuration + (configuration.Contains("://", StringComparison.Ordinal) ? string.Empty : ",abortConnect=true"));

        Assert.False(options.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.Equal((2000, 2000, 2000), (options.ConnectTimeout, options.AsyncTimeout, options.SyncTimeout));
    }

    [Fact]
    public void Parse_TimeoutsNamedInTheString_Win()
    {
        var options = Options("redis:6379,connectTimeout=5000,syncTimeout=3000");

        Assert.Equal((5000, 2000, 3000), (options.ConnectTimeout, options.AsyncTimeout, options.SyncTimeout));
    }

    [Fact]
    public void Parse_WithoutKeyPrefix_UsesGateway()
    {
        Assert.Equal("gateway", RedisConnectionSettings.Parse("redis://redis").KeyPrefix);
    }

    [Theory]
    [InlineData($"redis://gw:{Secret}@redis:6379")]
    [InlineData($"rediss://:{Secret}@redis")]
    [InlineData($"redis:6379,user=gw,password={Secret}")]
    public void ToString_HidesThePassword(string configuration)
    {
        var text = RedisConnectionSettings.Parse(configuration).ToString();

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.Contains("redis:6379", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData($"http://gw:{Secret}@redis", "scheme 'http' is not supported")]
    [InlineData($"redis://gw:{Secret}@", "not a valid redis:// URL")]
    [InlineData("redis:///0", "no host")]
    [InlineData($"redis://gw:{Secret}@redis:notaport", "not a valid redis:// URL")]
    [InlineData($"redis://gw:{Secret}@redis:70000", "not a valid redis:// URL")]
    [InlineData($"redis://gw:{Secret}@redis/zero", "database number")]
    [InlineData($"redis://gw:{Secret}@redis/-1", "database number")]
    [InlineData($"redis://gw:{Secret}@redis/0?ssl=true", "query or fragment")]
    [InlineData($"redis://gw:{Secret}@redis/0#x", "query or fragment")]
    [InlineData($"redis:6379,password={Secret},{Secret}=1", "not a valid StackExchange.Redis configuration string")]
    [InlineData($"password={Secret}", "names no Redis server")]
    public void Parse_BadConfiguration_FailsWithAClearErrorWithoutThePassword(string configuration, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionSettings.Parse(configuration));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Gateway:Redis:Configuration: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    public void TryParse_BadKeyPrefix_IsAnError(string keyPrefix)
    {
        Assert.False(RedisConnectionSettings.TryParse("redis://redis", keyPrefix, out var settings, out var error));
        Assert.Null(settings);
        Assert.Contains("key prefix", error, StringComparison.Ordinal);
    }

    private static ConfigurationOptions Options(string configuration) =>
        RedisConnectionSettings.Parse(configuration).CreateConfigurationOptions();
}
