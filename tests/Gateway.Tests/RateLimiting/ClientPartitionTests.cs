using System.Net;
using PasskeyGateway.RateLimiting;

namespace PasskeyGateway.Tests.RateLimiting;

public sealed class ClientPartitionTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db8:1:2::1", "2001:0db8:0001:0002:0000:0000:0000:0002")]
    [InlineData("198.51.100.7", "::ffff:198.51.100.7")]
    public void OfAddress_SameHostOrSlash64_IsOneClient(string a, string b) =>
        Assert.Equal(ClientPartition.OfAddress(IPAddress.Parse(a)), ClientPartition.OfAddress(IPAddress.Parse(b)));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("198.51.100.7", "198.51.100.8")]
    [InlineData("::1", "127.0.0.1")]
    public void OfAddress_OtherNetworks_AreOtherClients(string a, string b) =>
        Assert.NotEqual(ClientPartition.OfAddress(IPAddress.Parse(a)), ClientPartition.OfAddress(IPAddress.Parse(b)));

    [Fact]
    public void OfAddress_Ipv6_NamesItsSlash64()
    {
        Assert.Equal("ip6:20010db800010002/64", ClientPartition.OfAddress(IPAddress.Parse("2001:db8:1:2:3:4:5:6")));
        Assert.Equal("ip:unknown", ClientPartition.OfAddress(null));
    }
}
