namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>
/// The <c>type</c> of each ceremony's client data (DESIGN.md §4): a signature made for one ceremony can never be
/// replayed in another.
/// </summary>
public static class ClientDataTypes
{
    public const string DeviceBind = "device.bind";
    public const string DeviceVerify = "device.verify";
    public const string BiometricRegister = "biometric.register";
    public const string BiometricAuthenticate = "biometric.authenticate";
}
