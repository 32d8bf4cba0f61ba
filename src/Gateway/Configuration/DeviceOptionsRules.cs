namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Devices</c>.</summary>
internal static class DeviceOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var devices = options.Devices;
        for (var i = 0; i < devices.Origins.Count; i++)
        {
            if (!ConfigRules.IsWebOrAppOrigin(devices.Origins[i]))
            {
                problems.Add(ConfigProblem.Error($"Gateway.Devices.Origins[{i}]", "must be an http(s) origin or an android:apk-key-hash:/ios:bundle-id: app origin."));
            }
        }

        ConfigRules.RequirePositive(devices.ChallengeLifetime, "Gateway.Devices.ChallengeLifetime", problems);
    }
}
