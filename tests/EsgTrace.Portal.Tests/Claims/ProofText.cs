using System.Text.RegularExpressions;

namespace EsgTrace.Portal.Tests.Claims;

/// <summary>Reads the verification address back from a proof's text (pdftotext output).</summary>
public static partial class ProofText
{
    /// <summary>Every distinct address after "verify at" (the footer of each page) and "Scan or open" (beside the QR code).</summary>
    public static IReadOnlyList<string> VerifyAtAddresses(string text)
        => Address().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"(?:verify at|Scan or open)\s+(\S+)")]
    private static partial Regex Address();
}
