namespace EsgTrace.Portal.Auth;

/// <summary>How long a signed-in session lasts (section <c>Auth:Session</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Auth:Session";

    /// <summary>A session unused for this long ends (sliding: each request renews it).</summary>
    public double IdleHours { get; set; } = 8;

    /// <summary>A session ends this long after sign-in however busy it is (OWASP ASVS 3.3.1/3.3.4).</summary>
    public double AbsoluteHours { get; set; } = 12;

    /// <summary>How often an open page (a Blazor circuit, which sends no further cookies) re-checks its session.</summary>
    public double RevalidateMinutes { get; set; } = 1;

    public static bool IsValid(SessionOptions o)
        => o.IdleHours > 0 && o.AbsoluteHours > 0 && o.RevalidateMinutes > 0;
}
