using Microsoft.Extensions.Configuration;
using PasskeyGateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace PasskeyGateway.Tests.Configuration;

public sealed class StrictConfigurationBinderTests
{
    private static IConfigurationSection Section(string json, string name)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        return configuration.GetSection(name);
    }

    [Fact]
    public void Bind_KnownSettings_FillsRecordsListsAndDictionaries()
    {
        var problems = new List<ConfigProblem>();
        var section = Section("""
            { "Gateway": { "PublicOrigin": "https://app.example.com", "Tokens": { "Lifetime": "00:05:00", "Audience": "api" },
              "TrustedProxies": ["10.0.0.0/8", "192.168.1.1"],
              "Policies": { "Admins": { "Roles": ["admin"], "MaxAuthAge": "00:01:00", "Claims": { "dept": ["a", "b"] } } } } }
            """, "Gateway");

        var options = new StrictConfigurationBinder(problems).Bind<GatewayOptions>(section);

        Assert.Empty(problems);
        Assert.Equal(new Uri("https://app.example.com"), options.PublicOrigin);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Tokens.Lifetime);
        Assert.Equal("api", options.Tokens.Audience);
        Assert.Equal(["10.0.0.0/8", "192.168.1.1"], options.TrustedProxies);
        Assert.Equal(["admin"], options.Policies["admins"].Roles);
        Assert.Equal(["a", "b"], options.Policies["ADMINS"].Claims["dept"]);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Policies["Admins"].MaxAuthAge);
    }

    [Fact]
    public void Bind_EveryProblem_IsReportedWithItsPath()
    {
        var problems = new List<ConfigProblem>();
        var section = Section("""
            { "Gateway": { "PublicOrign": "https://typo.example", "Tokens": { "Lifetime": "15 minutes", "Audeince": "x" },
              "Session": { "Secure": "yes" }, "TrustedProxies": { "a": "b" }, "Limits": { "MaxCeremonyBodyBytes": "lots" } } }
            """, "Gateway");

        new StrictConfigurationBinder(problems).Bind<GatewayOptions>(section);

        Assert.Equal(
            ["Gateway.Limits.MaxCeremonyBodyBytes", "Gateway.PublicOrign", "Gateway.Session.Secure", "Gateway.Tokens.Audeince", "Gateway.Tokens.Lifetime", "Gateway.TrustedProxies.a"],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal(ConfigProblemSeverity.Error, p.Severity));
        Assert.Contains(problems, p => p.Message.Contains("unknown setting 'PublicOrign'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("'15 minutes' is not a time span", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_YarpRoutesAndClusters_ReadsYarpSchema()
    {
        var problems = new List<ConfigProblem>();
        var section = Section("""
            { "ReverseProxy": {
              "Routes": { "r": { "ClusterId": "c", "Order": 5, "Match": { "Path": "/x/{**rest}", "Methods": ["GET"], "Headers": [ { "Name": "X-A", "Values": ["1"], "Mode": "ExactHeader" } ] },
                                 "Transforms": [ { "PathRemovePrefix": "/x" } ], "Metadata": { "k": "v" } } },
              "Clusters": { "c": { "LoadBalancingPolicy": "RoundRobin",
                                   "HttpClient": { "SslProtocols": ["Tls12", "Tls13"], "MaxConnectionsPerServer": 10 },
                                   "HttpRequest": { "Version": "2", "VersionPolicy": "RequestVersionOrLower", "ActivityTimeout": "00:00:30" },
                                   "Destinations": { "d1": { "Address": "http://127.0.0.1:5000/" } } } } } }
            """, "ReverseProxy");

        var binder = new StrictConfigurationBinder(problems);
        var routes = (IReadOnlyDictionary<string, RouteConfig>)binder.Bind(typeof(IReadOnlyDictionary<string, RouteConfig>), section.GetSection("Routes"))!;
        var clusters = (IReadOnlyDictionary<string, ClusterConfig>)binder.Bind(typeof(IReadOnlyDictionary<string, ClusterConfig>), section.GetSection("Clusters"))!;

        Assert.Empty(problems);
        var route = routes["r"];
        Assert.Equal(5, route.Order);
        Assert.Equal("/x/{**rest}", route.Match.Path);
        Assert.Equal(HeaderMatchMode.ExactHeader, route.Match.Headers![0].Mode);
        Assert.Equal("/x", route.Transforms![0]["PathRemovePrefix"]);
        var cluster = clusters["c"];
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13, cluster.HttpClient!.SslProtocols);
        Assert.Equal(new Version(2, 0), cluster.HttpRequest!.Version);
        Assert.Equal("http://127.0.0.1:5000/", cluster.Destinations!["d1"].Address);
    }

    [Fact]
    public void Bind_NumericEnumValue_IsRefused()
    {
        var problems = new List<ConfigProblem>();
        var section = Section("""{ "R": { "Match": { "Headers": [ { "Name": "X", "Mode": "3" } ] } } }""", "R");

        new StrictConfigurationBinder(problems).Bind<RouteConfig>(section);

        Assert.Equal("R.Match.Headers[0].Mode", Assert.Single(problems).Path);
    }
}
