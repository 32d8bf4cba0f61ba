using System.Buffers.Text;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Account;

/// <summary>
/// A user's passkeys, bound devices and biometric keys, for self-service and the admin API. Removing one revokes it
/// at once: the repository stops it from signing in, and a revocation refuses every token that carries it on the next
/// request, on every replica. Removing a device revokes the biometric keys tied to it too (DESIGN.md §10).
/// </summary>
internal sealed class CredentialManager(
    IPasskeyRepository passkeys,
    Ceremonies.Passkeys.PasskeyVerifier verifier,
    IDeviceRepository devices,
    IBiometricKeyRepository biometricKeys,
    ISessionRepository sessions,
    RevocationWriter revocations,
    GatewayOptions options,
    AuditTrail audit,
    TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<CredentialSummary>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var userPasskeys = await passkeys.ListPasskeysAsync(userId, cancellationToken);
        var userDevices = await devices.ListDevicesAsync(userId, cancellationToken);
        var keys = await biometricKeys.ListBiometricKeysAsync(userId, cancellationToken);
        return
        [
            .. await Task.WhenAll(userPasskeys.Select(async p =>
                new CredentialSummary(Base64Url.EncodeToString(p.CredentialId.Span), CredentialSummary.Passkey, p.Nickname, p.CreatedAt, p.LastUsedAt, Flagged: p.IsFlagged)
                {
                    Authenticator = await verifier.AuthenticatorNameAsync(p.Aaguid, cancellationToken),
                    BackupEligible = p.BackupEligible,
                    BackedUp = p.BackupState,
                })),
            .. userDevices.Where(d => !d.IsRevoked).Select(d => new CredentialSummary(d.DeviceId, CredentialSummary.Device, d.Name, d.CreatedAt, d.LastUsedAt, d.DeviceId)),
            .. keys.Where(k => !k.IsRevoked).Select(k => new CredentialSummary(k.KeyId, CredentialSummary.Biometric, k.Name, k.CreatedAt, k.LastUsedAt, k.DeviceId)),
        ];
    }

    public async Task<bool> RenamePasskeyAsync(string userId, string credentialId, string? name, CancellationToken cancellationToken) =>
        TryDecode(credentialId) is { } id && await passkeys.RenamePasskeyAsync(userId, id, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), cancellationToken);

    /// <param name="enforceLastCredential">Self-service keeps the last way to sign in unless the configuration allows; the admin API does not.</param>
    public async Task<CredentialRemoval> RemoveAsync(HttpContext context, string userId, string credentialId, bool enforceLastCredential)
    {
        var (removal, kind) = await RemoveCoreAsync(userId, credentialId, enforceLastCredential, context.RequestAborted);
        var outcome = removal switch { CredentialRemoval.Removed => "success", CredentialRemoval.LastCredential => "last-credential", _ => "credential-not-found" };
        await audit.RecordAsync(context, enforceLastCredential ? "credential_remove" : "admin_credential_remove", outcome, userId, Actor(context, kind));
        return removal;
    }

    private async Task<(CredentialRemoval Removal, string? Kind)> RemoveCoreAsync(string userId, string credentialId, bool enforceLastCredential, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var keepLast = enforceLastCredential && !options.Passkeys.AllowDeletingLastCredential;

        // The id says nothing of its kind: a passkey's is base64url, and a biometric key's or device's may decode too.
        // The repository checks the last-credential rule in the same transaction as the removal.
        if (TryDecode(credentialId) is { } rawId)
        {
            var passkey = keepLast
                ? await passkeys.DeletePasskeyUnlessLastAsync(userId, rawId, cancellationToken)
                : await passkeys.DeletePasskeyAsync(userId, rawId, cancellationToken) ? CredentialRemoval.Removed : CredentialRemoval.NotFound;
            if (passkey != CredentialRemoval.NotFound)
            {
                await RevokeIfRemovedAsync(passkey, credentialId, cancellationToken);
                return (passkey, CredentialSummary.Passkey);
            }
        }

        var key = keepLast
            ? await biometricKeys.RevokeBiometricKeyUnlessLastAsync(userId, credentialId, now, cancellationToken)
            : await biometricKeys.RevokeBiometricKeyAsync(userId, credentialId, now, cancellationToken) ? CredentialRemoval.Removed : CredentialRemoval.NotFound;
        if (key != CredentialRemoval.NotFound)
        {
            await RevokeIfRemovedAsync(key, credentialId, cancellationToken);
            return (key, CredentialSummary.Biometric);
        }

        // A bound device is not a way to sign in on its own, so removing it never leaves a user locked out; the
        // biometric keys tied to it go with it (and could be the last ones: the device is the user's to remove).
        if (await devices.RevokeDeviceAsync(userId, credentialId, now, cancellationToken) is { } revoked)
        {
            await revocations.RevokeAsync(RevocationKind.Device, revoked.DeviceId, cancellationToken);
            foreach (var keyId in revoked.BiometricKeyIds)
            {
                await revocations.RevokeAsync(RevocationKind.Credential, keyId, cancellationToken);
            }

            return (CredentialRemoval.Removed, CredentialSummary.Device);
        }

        return (CredentialRemoval.NotFound, null);
    }

    /// <summary>Ends every session of the user that began before now (admin: "revoke all sessions"), records included.</summary>
    public async Task RevokeAllSessionsAsync(HttpContext context, string userId)
    {
        // The user-wide revocation refuses their tokens (user-sessions-revoked); the records only follow it.
        await revocations.RevokeAsync(RevocationKind.User, userId, context.RequestAborted);
        await sessions.EndAllSessionsAsync(userId, timeProvider.GetUtcNow(), context.RequestAborted);
        await audit.RecordAsync(context, "admin_sessions_revoke", "success", userId, Actor(context, kind: null));
    }

    /// <summary>The audit detail: what kind of credential, and who acted when it was not the user (an admin's sub).</summary>
    private static string? Actor(HttpContext context, string? kind)
    {
        var actor = context.User.FindFirst(Authentication.GatewayClaimTypes.Subject)?.Value;
        return string.Join("; ", new[] { kind, actor is null ? null : "by " + actor }.Where(p => p is not null));
    }

    private async Task RevokeIfRemovedAsync(CredentialRemoval removal, string credentialId, CancellationToken cancellationToken)
    {
        if (removal == CredentialRemoval.Removed)
        {
            await revocations.RevokeAsync(RevocationKind.Credential, credentialId, cancellationToken);
        }
    }

    private static byte[]? TryDecode(string id)
    {
        try
        {
            return Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
