using System.Collections.Frozen;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Headers;

/// <summary>What the gateway sends to backends and what it removes from clients, built once per configuration.</summary>
internal sealed class IdentityHeaderPlan
{
    public IdentityHeaderPlan(IReadOnlyDictionary<string, string> mappings, AssertionHeaderOptions? assertion)
    {
        Mappings = [.. mappings.Select(m => new IdentityHeaderMapping(m.Key, m.Value))];
        Assertion = assertion;
        IEnumerable<string> scrubbed = [.. IdentityHeaderDefaults.AlwaysScrubbed, .. mappings.Keys];
        if (assertion is not null)
        {
            scrubbed = scrubbed.Append(assertion.Header);
        }

        Scrubbed = scrubbed.ToFrozenSet(HeaderNameComparer.Instance);
    }

    public IReadOnlyList<IdentityHeaderMapping> Mappings { get; }

    public AssertionHeaderOptions? Assertion { get; }

    /// <summary>Every name removed from incoming requests, compared with <see cref="HeaderNameComparer"/>.</summary>
    public FrozenSet<string> Scrubbed { get; }
}
