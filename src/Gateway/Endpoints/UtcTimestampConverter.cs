using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PasskeyGateway.Endpoints;

/// <summary>Instants in the gateway's JSON are ISO-8601 in UTC with a 'Z' (DESIGN.md §10: "expiresAt is ISO-8601 UTC").</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
