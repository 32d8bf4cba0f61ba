using SharpFuzz;

namespace PasskeyGateway.Fuzz;

/// <summary>The harness's two commands: run one target under AFL++, or write its derived seeds.</summary>
/// <remarks>
/// Instrumented code may only run inside <see cref="Fuzzer.Run(Action{Stream})"/>: SharpFuzz points the coverage map at
/// AFL++'s shared memory (or, without AFL++, at a buffer of its own) there, and instrumented code that runs before
/// writes through a null map and takes the process down. So targets are created inside it, seeds included.
/// </remarks>
internal static class FuzzCommand
{
    /// <summary>
    /// Larger inputs only slow AFL++ down: every parser fuzzed here refuses far smaller documents (8 KiB of client data,
    /// 16 KiB of token) before parsing.
    /// </summary>
    private const int MaxInputBytes = 64 * 1024;

    public static int Fuzz(Func<IFuzzTarget> create)
    {
        var buffer = new byte[MaxInputBytes];
        IFuzzTarget? target = null;

        // In-process persistent mode: the target is built and warmed once (SharpFuzz runs the first input twice and
        // reports only the second, so its one-time set-up is not taken for coverage), then every input runs in this
        // process. An exception escaping Run is reported to AFL++ as a crash.
        Fuzzer.Run(stream =>
        {
            target ??= create();
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            target.Run(buffer.AsSpan(0, length));
        });
        return 0;
    }

    public static int Seed(Func<IFuzzTarget> create, string directory)
    {
        Directory.CreateDirectory(directory);
        var count = 0;
        var name = "";

        // Outside AFL++ this runs once, with SharpFuzz's own coverage map; standard input is not read.
        Fuzzer.Run(_ =>
        {
            var target = create();
            name = target.Name;
            foreach (var seed in target.Seeds())
            {
                File.WriteAllBytes(Path.Combine(directory, seed.Name), seed.Data);
                count++;
            }
        });
        Console.WriteLine($"{count} seeds for {name} in {directory}");
        return 0;
    }

    public static int Usage()
    {
        Console.Error.WriteLine($"usage: Gateway.Fuzz <target> | Gateway.Fuzz seed <target> <directory>; targets: {string.Join(", ", FuzzTargets.Names)}");
        return 2;
    }
}
