namespace PasskeyGateway.Problems;

internal static class ProblemsEndpointConventionBuilderExtensions
{
    /// <summary>Declares problems the endpoint (or every endpoint of the group) can answer with; see <see cref="ProblemsMetadata"/>.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params IEnumerable<GatewayProblem> problems)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemsMetadata([.. problems]));
}
