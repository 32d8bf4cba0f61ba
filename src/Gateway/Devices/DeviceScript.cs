using PasskeyGateway.Endpoints;

namespace PasskeyGateway.Devices;

/// <summary><c>device.js</c>: device binding for web apps with one script tag (docs/devices.md), embedded and read once.</summary>
internal static class DeviceScript
{
    public const string ContentType = "text/javascript; charset=utf-8";

    public static byte[] Content { get; } = EmbeddedAssets.Read("PasskeyGateway.Devices.Assets.device.js");
}
