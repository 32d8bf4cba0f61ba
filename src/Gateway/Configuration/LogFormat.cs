namespace PasskeyGateway.Configuration;

/// <summary><c>Gateway:Logging:Format</c>.</summary>
public enum LogFormat
{
    /// <summary>ASP.NET Core's plain console lines.</summary>
    Text,

    /// <summary>One JSON object per line, with the request and trace ids.</summary>
    Json,
}
