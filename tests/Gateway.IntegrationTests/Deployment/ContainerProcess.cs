using System.Diagnostics;
using System.Runtime.Versioning;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Deployment;

/// <summary>
/// The published gateway started the way its container starts it: the image's ENTRYPOINT in its WORKDIR with its ENV,
/// as its non-root USER, on a read-only root filesystem where only the data directory can be written (a mount
/// namespace remounts / read-only and keeps the data directory a writable bind mount, as a pod's emptyDir is).
/// Not running as root, the namespace is a user namespace and the gateway keeps the caller's own non-root user.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class ContainerProcess
{
    /// <summary>Starts the gateway with <paramref name="configPath"/>, listening on 127.0.0.1:<paramref name="port"/>; returns once /healthz answers.</summary>
    public static async Task<GatewayServerProcess> StartAsync(ImageBuild image, string configPath, string dataDirectory, int port)
    {
        var entrypoint = Assert.Single(image.Dockerfile.Final.All("ENTRYPOINT")).ExecForm!;
        var user = Assert.Single(image.Dockerfile.Final.All("USER")).Arguments.Split(':');
        var asRoot = Environment.UserName == "root";

        // sh runs the mounts, then execs into the gateway: one process to stop, whose exit code is the gateway's.
        var script = "mount --bind \"$GATEWAY_DATA\" \"$GATEWAY_DATA\" && mount -o remount,bind,ro / && exec "
            + (asRoot ? $"setpriv --reuid={user[0]} --regid={user[1]} --clear-groups -- " : "")
            + "\"$@\"";
        var start = new ProcessStartInfo("unshare") { WorkingDirectory = image.PublishDirectory };
        var arguments = asRoot ? new List<string>() : ["--user", "--map-root-user"];
        arguments.AddRange(["--mount", "--propagation", "private", "--", "sh", "-c", script, "gateway", .. entrypoint]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in image.Dockerfile.Final.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["GATEWAY_CONFIG"] = configPath;
        start.Environment["GATEWAY_DATA"] = dataDirectory;

        try
        {
            return await GatewayServerProcess.StartAsync(start, new Uri($"http://127.0.0.1:{port}/"), " (unshare needs root or unprivileged user namespaces)");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("unshare (util-linux) is needed to start the gateway on a read-only root filesystem: apt-get install util-linux.", e);
        }
    }
}
