using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PasskeyGateway.OpenApi;

/// <summary>
/// Which members of the gateway's own JSON objects a client must send. The generator's rule makes every constructor
/// parameter of a record required, but the gateway's request records take their members as nullable on purpose: the
/// endpoint, not the deserializer, says what is missing (<c>invalid-request</c>, naming the member), and many members
/// are optional (a usernameless sign-in sends <c>{}</c>). So a member is required when it is marked
/// <see cref="RequiredAttribute"/>, or when it can be neither null nor left out (a constructor parameter of a
/// non-nullable type without a default value).
/// </summary>
internal sealed class RequiredMembersSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || type.Properties.Count == 0
            || type.Type.Namespace?.StartsWith(nameof(PasskeyGateway), StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        var required = type.Properties.Where(IsRequired).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        schema.Required = required.Count > 0 ? required : null;
        return Task.CompletedTask;
    }

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.IsRequired
        || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: false) == true
        || property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false };
}
