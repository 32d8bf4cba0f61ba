using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Sessions;

/// <summary>
/// The end of a passkey sign-in, which re-authenticates the caller's session when its options asked for that
/// (<c>"reauthenticate": true</c>, step-up as in RFC 9470). The session's own user keeps it: the same <c>sid</c>, a new
/// <c>auth_time</c>, the passkey's claims, and its <c>device_id</c> while that device is still bound to them. Someone
/// else's passkey ends it — one person signing in after another in the same browser — and starts a new session.
/// <para>
/// Nothing in the request names the session: it is the one whose token the gateway validated on this very finish
/// (its revocations checked), and only when the options were asked for that same session, and only while its record
/// is live (one conditional update). So an answer cannot attach to another user's session, nor bring back an ended one.
/// </para>
/// </summary>
internal sealed partial class StepUpSignIn(SignInService signIn, SessionEnder sessions, IDeviceRepository devices, ILogger<StepUpSignIn> logger)
{
    public async Task<SignInAnswer> SignInAsync(HttpContext context, PasskeySignIn signedIn)
    {
        var identity = signIn.Passkey(signedIn.User, signedIn.Passkey, signedIn.Assertion.UserVerified);

        // Not asked for, or asked for by another session than the one presented now (signed out, or in as someone
        // else, in another tab meanwhile): an ordinary sign-in, which leaves every session as it is.
        if (signedIn.Reauthenticates is not { } session || session != context.GatewaySession())
        {
            return await signIn.SignInAsync(context, identity);
        }

        if (!string.Equals(session.UserId, signedIn.User.Id, StringComparison.Ordinal))
        {
            await sessions.EndReplacedAsync(context, session);
            Log.SessionReplaced(logger);
            return await signIn.SignInAsync(context, identity);
        }

        var raised = identity with { SessionId = session.SessionId, DeviceId = await StillBoundDeviceAsync(context, session.UserId) };
        if (await signIn.RenewAsync(context, raised) is { } answer)
        {
            Log.SessionRaised(logger);
            return answer;
        }

        // The session ended between this request's authentication and now: a new one, never the old one brought back.
        Log.SessionNotLive(logger);
        return await signIn.SignInAsync(context, identity);
    }

    /// <summary>The <c>device_id</c> of the session's token while that device is bound to the user and not revoked.</summary>
    private async Task<string?> StillBoundDeviceAsync(HttpContext context, string userId)
    {
        var deviceId = context.Features.Get<GatewayAuthenticationFeature>()?.Token?.Principal.FindFirst(GatewayClaimTypes.DeviceId)?.Value;
        if (string.IsNullOrEmpty(deviceId))
        {
            return null;
        }

        var device = await devices.FindDeviceAsync(deviceId, context.RequestAborted);
        return device is { IsRevoked: false } && string.Equals(device.UserId, userId, StringComparison.Ordinal) ? deviceId : null;
    }

    private static partial class Log
    {
        [LoggerMessage(4501, LogLevel.Information, "A step-up sign-in raised its session: same session id, new authentication time.")]
        public static partial void SessionRaised(ILogger logger);

        [LoggerMessage(4502, LogLevel.Information, "A step-up sign-in was answered with another user's passkey: the session it was asked for has been ended.")]
        public static partial void SessionReplaced(ILogger logger);

        [LoggerMessage(4503, LogLevel.Debug, "A step-up sign-in found its session ended or expired: a new session was started.")]
        public static partial void SessionNotLive(ILogger logger);
    }
}
