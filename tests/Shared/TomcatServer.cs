using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace PasskeyGateway.Testing;

/// <summary>
/// A private Apache Tomcat 10 on a free loopback port, a backend that reads paths the servlet way: it strips
/// <c>;parameters</c> from every path segment before it resolves dot segments, so <c>/public/..;/admin/x</c> is
/// <c>/admin/x</c> to it. Debian's binaries (<c>/usr/share/tomcat10</c>) run with a CATALINA_BASE of their own in a
/// temporary folder, made from the Tomcat folder beside the test binaries: one HTTP connector, no AJP, no shutdown
/// port, and an echo app that answers every request with how Tomcat read it (<see cref="TomcatEchoedRequest"/>).
/// Nothing of Debian's system service (<c>/etc/tomcat10</c>, <c>/var/lib/tomcat10</c>, port 8080) is used. A missing
/// Tomcat or Java fails the test with how to install them: these tests never skip.
/// </summary>
internal sealed class TomcatServer : IAsyncDisposable
{
    public const string MissingTomcatMessage =
        "Apache Tomcat 10 is not installed (no bin/catalina.sh under $CATALINA_HOME or /usr/share/tomcat10), and the " +
        "path-reading tests run against a real one. Install it with `apt-get install tomcat10 default-jre-headless` " +
        "(./scripts/test.sh installs them by itself), then run the tests again.";

    public const string MissingJavaMessage =
        "No Java runtime (no java under $JAVA_HOME, $JRE_HOME or on the PATH), and Tomcat needs one. Install it with " +
        "`apt-get install tomcat10 default-jre-headless` (./scripts/test.sh installs them by itself), then run the " +
        "tests again. A JDK is not needed: Tomcat compiles the echo JSP with its own (Eclipse) compiler.";

    private const string DebianCatalinaHome = "/usr/share/tomcat10";
    private const string TemplateFolder = "Tomcat";
    private const int StartAttempts = 3;

    // A start, the echo JSP's compilation included, takes 2.1-2.3 s until the first answer here (2 cores, measured on
    // Debian's Tomcat 10.1.60 and OpenJDK 17); a machine busy with other test classes' servers can take many times that.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly string _catalinaHome;
    private readonly string _catalinaBase;
    private readonly TomcatPathHandling _pathHandling;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private TomcatServer(string catalinaHome, string catalinaBase, TomcatPathHandling pathHandling)
    {
        _catalinaHome = catalinaHome;
        _catalinaBase = catalinaBase;
        _pathHandling = pathHandling;
    }

    public int Port { get; private set; }

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public static async Task<TomcatServer> StartAsync(TomcatPathHandling pathHandling = TomcatPathHandling.Default)
    {
        var catalinaHome = FindCatalinaHome() ?? throw new InvalidOperationException(MissingTomcatMessage);
        _ = FindJava() ?? throw new InvalidOperationException(MissingJavaMessage);
        var template = Path.Combine(AppContext.BaseDirectory, TemplateFolder);
        if (!Directory.Exists(template))
        {
            throw new InvalidOperationException(
                $"{template} is missing: a test project that starts Tomcat copies tests/Shared/Tomcat to its output " +
                "(see Gateway.IntegrationTests.csproj).");
        }

        var server = new TomcatServer(catalinaHome, Directory.CreateTempSubdirectory("gateway-tomcat-").FullName, pathHandling);
        try
        {
            CopyFolder(template, server._catalinaBase);
            foreach (var folder in new[] { "logs", "temp", "work" })
            {
                Directory.CreateDirectory(Path.Combine(server._catalinaBase, folder));
            }

            await server.StartProcessAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends Tomcat's process (nothing in it is worth a graceful stop) and deletes its CATALINA_BASE.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        Directory.Delete(_catalinaBase, recursive: true);
    }

    /// <summary>What Tomcat wrote to its console (its log: the base has no logging.properties), for a failure message.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private async Task StartProcessAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            WriteServerXml();
            StartProcess();
            try
            {
                await WaitUntilAnsweringAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && Output().Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took the free port between the probe and Tomcat's bind: try another one.
                await StopProcessAsync();
                lock (_output)
                {
                    _output.Clear();
                }
            }
        }
    }

    private void WriteServerXml()
    {
        var file = Path.Combine(_catalinaBase, "conf", "server.xml");
        var document = XDocument.Load(file);
        var connector = document.Root?.Element("Service")?.Element("Connector")
            ?? throw new InvalidOperationException($"{file} has no Server/Service/Connector.");
        connector.SetAttributeValue("address", "127.0.0.1");
        connector.SetAttributeValue("port", Port.ToString(CultureInfo.InvariantCulture));
        if (_pathHandling == TomcatPathHandling.DecodeSlashesAndBackslashes)
        {
            // Tomcat's HTTP connector reference: encodedSolidusHandling (default "reject"), allowBackslash (default
            // false) and relaxedPathChars (a raw \ is otherwise refused by the request-line parser).
            connector.SetAttributeValue("encodedSolidusHandling", "decode");
            connector.SetAttributeValue("allowBackslash", "true");
            connector.SetAttributeValue("relaxedPathChars", "\\");
        }

        document.Save(file);
    }

    private void StartProcess()
    {
        // catalina.sh run keeps Tomcat in the foreground and execs java, so this process is the JVM itself.
        var start = new ProcessStartInfo(Path.Combine(_catalinaHome, "bin", "catalina.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.Environment["CATALINA_HOME"] = _catalinaHome;
        start.Environment["CATALINA_BASE"] = _catalinaBase;
        start.Environment["CATALINA_TMPDIR"] = Path.Combine(_catalinaBase, "temp");
        start.Environment.Remove("CATALINA_OPTS");
        start.Environment.Remove("CATALINA_PID");
        start.Environment["JAVA_OPTS"] = string.Join(
            ' ',

            // Exit when the connector cannot bind (the default logs the error and runs on without a connector).
            "-Dorg.apache.catalina.startup.EXIT_ON_INIT_FAILURE=true",

            // A short-lived server that answers a few requests: with the C1 compiler alone and the serial collector
            // Tomcat answered 2.1-2.3 s after its start here, against 3.7-5.9 s with the JVM's defaults.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m");

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = ProbeTimeout };
        await Eventually.GetAsync(
            async () =>
            {
                if (_process is not { HasExited: false })
                {
                    throw new InvalidOperationException($"Tomcat on port {Port} exited at start:\n{Output()}");
                }

                try
                {
                    using var response = await client.GetAsync(new Uri(Address, "tomcat-fixture-probe"));
                    var body = await response.Content.ReadAsStringAsync();
                    return response.IsSuccessStatusCode && new TomcatEchoedRequest(body).Path == "/tomcat-fixture-probe" ? body : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
                catch (TaskCanceledException)
                {
                    return null;
                }
            },
            StartTimeout,
            $"Tomcat answering on port {Port}",
            () => Task.FromResult($"Its output:\n{Output()}"));
    }

    private async Task StopProcessAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>$CATALINA_HOME (a developer's own Tomcat 10), else Debian's.</summary>
    private static string? FindCatalinaHome() =>
        new[] { Environment.GetEnvironmentVariable("CATALINA_HOME"), DebianCatalinaHome }
            .FirstOrDefault(home => !string.IsNullOrEmpty(home) && File.Exists(Path.Combine(home, "bin", "catalina.sh")));

    /// <summary>Where catalina.sh looks (its setclasspath.sh): $JAVA_HOME, $JRE_HOME, then the PATH.</summary>
    private static string? FindJava()
    {
        var homes = new[] { Environment.GetEnvironmentVariable("JAVA_HOME"), Environment.GetEnvironmentVariable("JRE_HOME") }
            .Where(home => !string.IsNullOrEmpty(home))
            .Select(home => Path.Combine(home!, "bin"));
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return homes.Concat(path).Select(directory => Path.Combine(directory, "java")).FirstOrDefault(File.Exists);
    }
}
