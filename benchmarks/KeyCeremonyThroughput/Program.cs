using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Devices;

// Device verifications and biometric sign-ins per second through the ceremony core (issue 6 item 6): options, then
// the verification (client data, challenge, signature, repository look-ups, last use recorded), on the in-memory
// challenge store and the SQLite repository in a temporary folder, for RS256 and ES256 keys. The client's signing
// happens between the two timed halves and is not counted: the phone signs, the gateway only verifies.
//
//   KeyCeremonyThroughput [--seconds 5] [--warmup 2] [--callers 1,4] [--batch 256]
//
// Prints one line per ceremony, algorithm and caller count:
//   "ceremony=device_verification algorithm=ES256 callers=4 ops=N seconds=S ops/s=R"
// and, for scale, the signature check alone (key import + verification, "verify_only") and the repository write
// every verification makes ("record_use_only").
var arguments = args.Select((value, index) => (value, index))
    .Where(a => a.index % 2 == 0 && a.value.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(a => a.value[2..], a => args.ElementAtOrDefault(a.index + 1) ?? string.Empty, StringComparer.Ordinal);
var measured = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("seconds", "5"), CultureInfo.InvariantCulture));
var warmup = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("warmup", "2"), CultureInfo.InvariantCulture));
var callerCounts = arguments.GetValueOrDefault("callers", "1,4").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
var batch = int.Parse(arguments.GetValueOrDefault("batch", "256"), CultureInfo.InvariantCulture);

const string Origin = "https://app.example.com";
var directory = Directory.CreateTempSubdirectory("key-ceremony-bench-");
try
{
    await using var services = new ServiceCollection()
        .AddLogging()
        .AddSingleton(TimeProvider.System)
        .AddInMemoryChallengeStore()
        .AddSqliteCredentialRepository($"Data Source={Path.Combine(directory.FullName, "gateway.db")}")
        .AddSingleton(new KeyCeremonySettings { Origins = new HashSet<string>(StringComparer.Ordinal) { Origin } })
        .AddSingleton<KeyChallenges>()
        .AddSingleton<DeviceCeremonies>()
        .AddSingleton<BiometricCeremonies>()
        .BuildServiceProvider();
    var repository = services.GetRequiredService<ICredentialRepository>();
    var devices = services.GetRequiredService<DeviceCeremonies>();
    var biometrics = services.GetRequiredService<BiometricCeremonies>();
    await repository.InitializeAsync(CancellationToken.None);
    var user = new UserAccount("bench-user", "bench", "Bench", RandomNumberGenerator.GetBytes(32), [], DateTimeOffset.UtcNow, Disabled: false);
    Expect(await repository.CreateUserAsync(user, CancellationToken.None) == CreateResult.Created, "user");
    var session = new CeremonySession(user.Id, "bench-session");

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {Environment.ProcessorCount} cores, server GC {GCSettings.IsServerGC}, SQLite in {directory.FullName}, batch {batch}"));
    foreach (var algorithm in new[] { "RS256", "ES256" })
    {
        using var deviceKey = ClientKey.Create(algorithm);
        using var biometricKey = ClientKey.Create(algorithm);

        // Bind the device and register the biometric key through the ceremonies themselves.
        var bindOptions = Value(await devices.BeginBindingAsync(session, "bench", CancellationToken.None));
        var bindData = ClientData("device.bind", bindOptions.Challenge, "deviceKeyId", "bench-" + algorithm);
        var device = Value(await devices.CompleteBindingAsync(
            new DeviceBindingRequest("bench-" + algorithm, deviceKey.PublicKey, algorithm, "der", null, null, Base64(bindData), Base64(deviceKey.Sign(bindData))),
            session,
            CancellationToken.None));
        var keyId = Guid.NewGuid().ToString();
        var registerOptions = Value(await biometrics.BeginRegistrationAsync(session, "bench", CancellationToken.None));
        var registerData = ClientData("biometric.register", registerOptions.Challenge, "keyId", keyId);
        Value(await biometrics.CompleteRegistrationAsync(
            new BiometricRegistrationRequest(keyId, biometricKey.PublicKey, algorithm, "der", null, null, Base64(registerData), Base64(biometricKey.Sign(registerData)), null),
            session,
            CancellationToken.None));

        var ceremonies = new Ceremony[]
        {
            new(
                "device_verification",
                async () => Value(await devices.BeginVerificationAsync(device.DeviceId, session, "bench", CancellationToken.None)).Challenge,
                challenge =>
                {
                    var data = ClientData("device.verify", challenge, "deviceId", device.DeviceId);
                    return new DeviceVerificationRequest(device.DeviceId, Base64(data), Base64(deviceKey.Sign(data)));
                },
                async request => Value(await devices.CompleteVerificationAsync((DeviceVerificationRequest)request, session, CancellationToken.None))),
            new(
                "biometric_authentication",
                async () => Value(await biometrics.BeginAuthenticationAsync(null, keyId, "bench", CancellationToken.None)).Challenge,
                challenge =>
                {
                    var data = ClientData("biometric.authenticate", challenge, "keyId", keyId);
                    return new BiometricAuthenticationRequest(keyId, Base64(data), Base64(biometricKey.Sign(data)), null, null);
                },
                async request => Value(await biometrics.CompleteAuthenticationAsync((BiometricAuthenticationRequest)request, CancellationToken.None))),
        };

        foreach (var callers in callerCounts)
        {
            foreach (var ceremony in ceremonies)
            {
                await RunCeremonyAsync(ceremony, callers, batch, warmup);
                var (ops, elapsed) = await RunCeremonyAsync(ceremony, callers, batch, measured);
                Report(ceremony.Name, algorithm, callers, ops, elapsed);
            }

            var stored = deviceKey.Spki;
            var sample = ClientData("device.verify", "sample", "deviceId", device.DeviceId);
            var signature = deviceKey.Sign(sample);
            var algorithmValue = Enum.Parse<KeyAlgorithm>(algorithm);
            var (verifications, verifyElapsed) = await RunLoopAsync(
                () => Task.FromResult(Expect(KeySignatures.Verify(stored, algorithmValue, SignatureFormat.Der, sample, signature), "verify")),
                callers,
                measured);
            Report("verify_only", algorithm, callers, verifications, verifyElapsed);

            // And the one write every verification makes (last use), alone.
            var (writes, writeElapsed) = await RunLoopAsync(
                async () => Expect(await repository.RecordDeviceUseAsync(device.DeviceId, DateTimeOffset.UtcNow, CancellationToken.None), "record use"),
                callers,
                measured);
            Report("record_use_only", algorithm, callers, writes, writeElapsed);
        }
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    directory.Delete(recursive: true);
}

return 0;

static void Report(string ceremony, string algorithm, int callers, long ops, TimeSpan elapsed) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ceremony={ceremony} algorithm={algorithm} callers={callers} ops={ops} seconds={elapsed.TotalSeconds:F2} ops/s={ops / elapsed.TotalSeconds:F0}"));

// Batches: options for a batch (timed), the client signs them all (not timed), the verifications (timed).
static async Task<(long Ops, TimeSpan Elapsed)> RunCeremonyAsync(Ceremony ceremony, int callers, int batch, TimeSpan duration)
{
    var server = TimeSpan.Zero;
    long ops = 0;
    while (server < duration)
    {
        var challenges = new string[batch];
        var clock = Stopwatch.StartNew();
        await ForEachAsync(batch, callers, async i => challenges[i] = await ceremony.Begin());
        server += clock.Elapsed;

        var requests = challenges.Select(ceremony.Sign).ToArray();

        clock.Restart();
        await ForEachAsync(batch, callers, i => ceremony.Complete(requests[i]));
        server += clock.Elapsed;
        ops += batch;
    }

    return (ops, server);
}

static async Task ForEachAsync(int count, int callers, Func<int, Task> action)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            await action(i);
        }
    })));
}

static async Task<(long Ops, TimeSpan Elapsed)> RunLoopAsync(Func<Task> operation, int callers, TimeSpan duration)
{
    using var stop = new CancellationTokenSource(duration);
    var clock = Stopwatch.StartNew();
    var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        long done = 0;
        while (!stop.IsCancellationRequested)
        {
            await operation();
            done++;
        }

        return done;
    })));
    return (counts.Sum(), clock.Elapsed);
}

static byte[] ClientData(string type, string challenge, string idName, string id) =>
    Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"challenge\":\"{challenge}\",\"origin\":\"{Origin}\",\"{idName}\":\"{id}\"}}");

static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

static T Value<T>(CeremonyResult<T> result)
    where T : class =>
    result.Succeeded ? result.Value : throw new InvalidOperationException($"{result.Failure.Error}: {result.Failure.Message}");

static bool Expect(bool condition, string what) => condition ? true : throw new InvalidOperationException(what + " failed.");

/// <summary>One ceremony to measure: its options, the client's signing, its verification.</summary>
internal sealed record Ceremony(string Name, Func<Task<string>> Begin, Func<string, object> Sign, Func<object, Task> Complete);

/// <summary>A device or biometric key as a phone holds it: RSA-2048 PKCS#1 v1.5 or P-256 with DER signatures.</summary>
internal sealed class ClientKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private ClientKey(AsymmetricAlgorithm key) => _key = key;

    public byte[] Spki => _key.ExportSubjectPublicKeyInfo();

    /// <summary>SubjectPublicKeyInfo, base64url.</summary>
    public string PublicKey => Convert.ToBase64String(Spki).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static ClientKey Create(string algorithm) =>
        new(algorithm == "RS256" ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public byte[] Sign(byte[] data) => _key is RSA rsa
        ? rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : ((ECDsa)_key).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
