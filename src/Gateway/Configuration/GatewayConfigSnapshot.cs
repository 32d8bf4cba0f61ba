using System.Collections.Frozen;
using Microsoft.AspNetCore.Authorization;
using PasskeyGateway.Headers;
using Yarp.ReverseProxy.Configuration;

namespace PasskeyGateway.Configuration;

/// <summary>
/// One validated configuration, immutable. Routes, clusters, policies and identity headers are taken from the current
/// snapshot on every request, so a reload swaps them together; the rest of <see cref="Options"/> is read at startup.
/// </summary>
internal sealed record GatewayConfigSnapshot(
    GatewayOptions Options,
    IReadOnlyList<RouteConfig> Routes,
    IReadOnlyList<ClusterConfig> Clusters,
    FrozenDictionary<string, AuthorizationPolicy> Policies,
    IdentityHeaderPlan Headers,
    IReadOnlyList<ConfigProblem> Warnings,
    int Generation);
