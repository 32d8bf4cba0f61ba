using System.Text.Json;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Json;

namespace PasskeyGateway.Account;

/// <summary>
/// Reads the body of <c>PATCH {prefix}/admin/users/{id}</c>: <c>{ displayName?, email?, roles?, groups?, disabled? }</c>,
/// where a member left out is left unchanged and <c>"email": null</c> (or <c>""</c>) clears the email. A member the API
/// does not know is refused rather than ignored: a typo must not look like a change that was made.
/// </summary>
internal static class AccountChangeReader
{
    public static AccountChange? TryRead(byte[] body, out string? error)
    {
        error = "Expected { \"displayName\", \"email\", \"roles\": [...], \"groups\": [...], \"disabled\" }, each optional.";
        if (!JsonInput.IsWellFormed(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var change = new AccountChange();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "displayName" when value.ValueKind == JsonValueKind.String:
                        change = change with { DisplayName = value.GetString() };
                        break;
                    case "email" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        change = change with { Email = value.GetString() ?? "" };
                        break;
                    case "roles" when ReadNames(value) is { } roles:
                        change = change with { Roles = roles };
                        break;
                    case "groups" when ReadNames(value) is { } groups:
                        change = change with { Groups = groups };
                        break;
                    case "disabled" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        change = change with { Disabled = value.GetBoolean() };
                        break;
                    default:
                        error = $"'{member.Name}' is not a member this request takes, or its value has the wrong type.";
                        return null;
                }
            }

            error = null;
            return change;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string[]? ReadNames(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(item => item.GetString()!)]
            : null;
}
