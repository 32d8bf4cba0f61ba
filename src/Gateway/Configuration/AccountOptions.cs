namespace PasskeyGateway.Configuration;

/// <summary><c>Gateway:Accounts</c> (DESIGN.md §11.1): who may create an account, and how long an enrollment link lives.</summary>
public sealed record AccountOptions
{
    /// <summary>The longest an enrollment or recovery link may live.</summary>
    public static readonly TimeSpan MaxEnrollmentLinkLifetime = TimeSpan.FromDays(7);

    /// <summary>Live sessions a user may hold; a new one ends the oldest (DESIGN.md §11.6).</summary>
    public const int MaxSessionsPerUser = 50;

    public RegistrationMode Registration { get; init; } = RegistrationMode.Invite;

    public TimeSpan EnrollmentLinkLifetime { get; init; } = TimeSpan.FromDays(1);
}

/// <summary>Who may create an account.</summary>
public enum RegistrationMode
{
    /// <summary>Administrators create accounts (the admin API or <c>gateway user add</c>); users enroll through a link.</summary>
    Invite,

    /// <summary>Anyone who reaches the sign-in page may create an account.</summary>
    Open,
}
