using System.Net.WebSockets;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// How a backend saw its side of an open exchange end: when (a <see cref="System.Diagnostics.Stopwatch"/> timestamp,
/// comparable with the test's own) and, for a WebSocket, the close status it received (<c>null</c>: the connection
/// went without a close frame).
/// </summary>
public sealed record BackendEnding(long Timestamp, WebSocketCloseStatus? CloseStatus);
