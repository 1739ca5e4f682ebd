using System.Net;
using System.Net.Sockets;

namespace EsgTrace.Epcis;

/// <summary>
/// Which webhook destinations a subscription may name: absolute http(s) URLs without user info or fragment. Loopback,
/// private, link-local and other non-public addresses are refused unless allowed by configuration
/// (<c>Epcis:Subscriptions:AllowPrivateDestinations</c>), so a subscriber cannot make the repository call into its own network
/// (SSRF). Names are checked here only when they are literal addresses or "localhost"; the sender checks every address a
/// name resolves to when it connects.
/// </summary>
public static class WebhookDestinations
{
    /// <summary>Null when <paramref name="dest"/> may be used, else why not.</summary>
    public static string? Check(string dest, bool allowPrivate)
    {
        if (!Uri.TryCreate(dest, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return $"'dest' must be an absolute http or https URL; '{Shorten(dest)}' is not.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "'dest' must not carry user info or a fragment.";
        }

        if (dest.Length > 2000)
        {
            return "'dest' is longer than 2,000 characters.";
        }

        if (!allowPrivate && (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && !IsPublic(ip))))
        {
            return $"'dest' names a loopback or private address ({uri.Host}); this repository only calls public destinations (Epcis:Subscriptions:AllowPrivateDestinations).";
        }

        return null;
    }

    /// <summary>True for a globally routable address: not loopback, private, link-local, unique-local, CGNAT, multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224);
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
