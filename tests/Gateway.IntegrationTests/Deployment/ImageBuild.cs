using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Deployment;

/// <summary>
/// The Dockerfile's build stage, run without a Docker engine (there is none here, ENVIRONMENT.md), once per test run:
/// the build context as .dockerignore leaves it, the stage's COPY lines into a folder standing for the stage's
/// filesystem, then its RUN line — the plain <c>dotnet publish src/Gateway -c Release -o /app</c> — in its WORKDIR,
/// with image paths moved under that folder. <see cref="PublishDirectory"/> is what the runtime stage copies.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ImageBuild : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _root = CreateSharedDirectory("image-build-");

    public Dockerfile Dockerfile { get; } = Dockerfile.Load();

    public string ContextDirectory => Path.Combine(_root, "context");

    /// <summary>The build stage's filesystem: image path <c>/x</c> is <c>{StageDirectory}/x</c>.</summary>
    public string StageDirectory => Path.Combine(_root, "stage");

    public string PublishDirectory { get; private set; } = "";

    public IReadOnlyList<string> Commands { get; private set; } = [];

    public TimeSpan Duration { get; private set; }

    public async ValueTask InitializeAsync()
    {
        DockerIgnore.Load(RepositoryRoot.Combine(".dockerignore")).CopyContext(RepositoryRoot.FullPath, ContextDirectory);
        var commands = new List<string>();
        var workdir = "/";
        foreach (var instruction in Dockerfile.Stage("build").Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = Path.Combine(workdir, instruction.Arguments);
                    Directory.CreateDirectory(InStage(workdir));
                    break;
                case "COPY":
                    Assert.Empty(instruction.Flags);
                    Copy(instruction.Operands, workdir);
                    break;
                case "RUN":
                    // Flags (a --mount=type=cache for the NuGet folder) change how fast the stage builds, not what.
                    commands.Add(string.Join(' ', instruction.Operands));
                    await RunAsync(instruction.Operands, workdir);
                    break;
                default:
                    throw new NotSupportedException($"The build stage's {instruction.Keyword}: ImageBuild does not run it yet.");
            }
        }

        Commands = commands;
        var copy = Assert.Single(Dockerfile.Final.All("COPY"), c => c.Flags.Contains("--from=build"));
        PublishDirectory = InStage(copy.Operands[0]);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>A temporary folder the image's non-root user can read (temporary folders are created owner-only).</summary>
    public static string CreateSharedDirectory(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        return directory;
    }

    private string InStage(string imagePath) => Path.Join(StageDirectory, imagePath);

    /// <summary>COPY's rules: a folder's contents go into the destination; files go into it when it ends with '/'.</summary>
    private void Copy(IReadOnlyList<string> operands, string workdir)
    {
        var destination = operands[^1];
        var target = InStage(Path.Combine(workdir, destination));
        foreach (var source in operands.SkipLast(1))
        {
            var path = Path.Combine(ContextDirectory, source);
            if (Directory.Exists(path))
            {
                CopyDirectory(path, target);
            }
            else
            {
                Assert.True(File.Exists(path), $"COPY {source}: not in the build context (left out by .dockerignore?).");
                var file = destination.EndsWith('/') ? Path.Combine(target, Path.GetFileName(source)) : target;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.Copy(path, file);
            }
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private async Task RunAsync(IReadOnlyList<string> command, string workdir)
    {
        Assert.Equal("dotnet", command[0]);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = InStage(workdir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument.StartsWith('/') ? InStage(argument) : argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // No MSBuild worker nodes left behind once the test run ends.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var reading = Task.WhenAll(Drain(process.StandardOutput, output), Drain(process.StandardError, output));
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', command)} did not finish within {PublishTimeout}:{Environment.NewLine}{output}");
        }

        await reading;
        Duration += clock.Elapsed;
        Assert.True(process.ExitCode == 0, $"{string.Join(' ', command)} exited with {process.ExitCode}:{Environment.NewLine}{output}");
    }

    private static async Task Drain(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
