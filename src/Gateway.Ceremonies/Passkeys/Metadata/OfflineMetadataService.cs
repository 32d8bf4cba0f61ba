using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Fido2NetLib;

namespace PasskeyGateway.Ceremonies.Passkeys.Metadata;

/// <summary>
/// Fido2's metadata lookup over a local MDS3 BLOB that the deployment refreshes (never downloaded here). The BLOB is
/// verified against the configured root when loaded, and re-read when its file changes. A BLOB whose serial number
/// (<c>no</c>) is lower than one already accepted is refused (FIDO MDS 3.0 §3.2 step 7: no rollback); the highest
/// number is kept in the data directory so a restart does not forget it.
/// </summary>
internal sealed partial class OfflineMetadataService : IMetadataService, IMetadataServiceAttestationCertificateLookup
{
    public const string SerialNumberFileName = "mds-serial-number";

    private readonly string _blobPath;
    private readonly X509Certificate2 _root;
    private readonly string _serialNumberPath;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OfflineMetadataService> _logger;
    private readonly Lock _reloadLock = new();
    private Snapshot _snapshot;

    public OfflineMetadataService(string blobPath, string rootPath, string dataDirectory, TimeProvider timeProvider, ILogger<OfflineMetadataService> logger)
    {
        _blobPath = blobPath;
        _root = X509CertificateLoader.LoadCertificateFromFile(rootPath);
        _serialNumberPath = Path.Combine(dataDirectory, SerialNumberFileName);
        _timeProvider = timeProvider;
        _logger = logger;
        _snapshot = Load(File.GetLastWriteTimeUtc(blobPath));
    }

    public int SerialNumber => _snapshot.Payload.Number;

    public bool ConformanceTesting() => false;

    public Task<MetadataBLOBPayloadEntry?> GetEntryAsync(Guid aaguid, CancellationToken cancellationToken = default) =>
        Task.FromResult(Current().ByAaguid.GetValueOrDefault(aaguid));

    /// <summary>U2F authenticators have no AAGUID: their entries are found by the attestation certificate's key identifier.</summary>
    public Task<MetadataBLOBPayloadEntry?> GetEntryAsync(Guid aaguid, X509Certificate2[]? attestationCertificates, CancellationToken cancellationToken = default)
    {
        var snapshot = Current();
        if (snapshot.ByAaguid.TryGetValue(aaguid, out var entry))
        {
            return Task.FromResult<MetadataBLOBPayloadEntry?>(entry);
        }

        var byCertificate = snapshot.Payload.Entries.FirstOrDefault(e => (attestationCertificates ?? []).Any(e.MatchesAttestationCertificate));
        return Task.FromResult(byCertificate);
    }

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(_blobPath);
        }
        catch (IOException)
        {
            return snapshot;
        }

        if (written == snapshot.WrittenAt)
        {
            return snapshot;
        }

        lock (_reloadLock)
        {
            if (_snapshot.WrittenAt == written)
            {
                return _snapshot;
            }

            try
            {
                _snapshot = Load(written);
                Log.Reloaded(_logger, _snapshot.Payload.Number, _snapshot.Payload.Entries.Length);
            }
            catch (Exception e) when (e is MetadataException or IOException)
            {
                // A bad refresh keeps the last good BLOB; it is retried when the file changes again.
                _snapshot = _snapshot with { WrittenAt = written };
                Log.ReloadRefused(_logger, e.Message);
            }

            return _snapshot;
        }
    }

    private Snapshot Load(DateTime writtenAt)
    {
        var payload = MetadataBlob.Verify(File.ReadAllText(_blobPath), _root, _timeProvider.GetUtcNow());
        var highest = ReadHighestSerialNumber();
        if (payload.Number < highest)
        {
            throw new MetadataException($"The metadata BLOB number {payload.Number} is lower than {highest}, already accepted: a rollback.");
        }

        if (payload.Number > highest)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_serialNumberPath)!);
            File.WriteAllText(_serialNumberPath, payload.Number.ToString(CultureInfo.InvariantCulture));
        }

        if (DateTime.TryParse(payload.NextUpdate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var nextUpdate)
            && nextUpdate < _timeProvider.GetUtcNow().UtcDateTime)
        {
            Log.Stale(_logger, payload.Number, payload.NextUpdate);
        }

        var byAaguid = payload.Entries
            .Where(e => e.AaGuid is not null)
            .GroupBy(e => e.AaGuid!.Value)
            .ToFrozenDictionary(g => g.Key, g => g.First());
        return new Snapshot(payload, byAaguid, writtenAt);
    }

    private int ReadHighestSerialNumber() =>
        File.Exists(_serialNumberPath) && int.TryParse(File.ReadAllText(_serialNumberPath).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : 0;

    private sealed record Snapshot(MetadataBLOBPayload Payload, FrozenDictionary<Guid, MetadataBLOBPayloadEntry> ByAaguid, DateTime WrittenAt);

    private static partial class Log
    {
        [LoggerMessage(7101, LogLevel.Information, "Loaded metadata BLOB number {Number} with {Entries} entries.")]
        public static partial void Reloaded(ILogger logger, int number, int entries);

        [LoggerMessage(7102, LogLevel.Warning, "The refreshed metadata BLOB was refused; the previous one stays in use: {Reason}")]
        public static partial void ReloadRefused(ILogger logger, string reason);

        [LoggerMessage(7103, LogLevel.Warning, "Metadata BLOB number {Number} is past its nextUpdate ({NextUpdate}); the deployment should refresh it.")]
        public static partial void Stale(ILogger logger, int number, string nextUpdate);
    }
}
