namespace EsgTrace.Gs1;

/// <summary>
/// The canonical GS1 Digital Link of an identifier, as the CBV 2.0 event hash writes it: EPC URNs are converted by
/// <see cref="EpcUrnToDigitalLink"/>, Digital Link URIs on any domain normalised by <see cref="DigitalLinkNormaliser"/>.
/// Returns null for values that are neither.
/// </summary>
public static class DigitalLink
{
    public const string Root = "https://id.gs1.org/";

    public static string? Canonical(string value)
        => value.StartsWith("urn:epc:", StringComparison.Ordinal) ? EpcUrnToDigitalLink.Convert(value)
            : value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? DigitalLinkNormaliser.Normalise(value)
            : null;

    /// <summary>The GS1 mod-10 check digit of the digits (weights 3, 1, 3, … from the right).</summary>
    public static char CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
