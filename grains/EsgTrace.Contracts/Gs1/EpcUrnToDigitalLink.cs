namespace EsgTrace.Gs1;

/// <summary>
/// Converts an EPC URN of the GS1 EPC Tag Data Standard (urn:epc:id:…, urn:epc:class:lgtin:…, and the urn:epc:idpat:…
/// patterns that stand for one class) to its canonical GS1 Digital Link on https://id.gs1.org/: the GS1 key rebuilt from
/// company prefix and reference with its check digit, serials and lots percent-encoded by <see cref="DigitalLinkEncoding"/>.
/// Returns null for a URN that is not well formed or has no single Digital Link (e.g. urn:epc:idpat:sgtin:0614141.*.*).
/// </summary>
public static class EpcUrnToDigitalLink
{
    private const string Root = DigitalLink.Root;

    public static string? Convert(string urn)
    {
        var parts = urn.Split(':', 5);
        if (parts.Length != 5 || parts[0] != "urn" || parts[1] != "epc")
        {
            return null;
        }

        var body = parts[4];
        return (parts[2], parts[3]) switch
        {
            ("id", "sgtin") => Fields(body, 3) is [var cp, var item, var serial] && Gtin(cp, item) is { } g && Text(serial, 20) ? $"{Root}01/{g}/21/{Enc(serial)}" : null,
            ("id", "sscc") => Fields(body, 2) is [var cp, var reference] && Key(cp, reference, 17, extensionFirst: true) is { } k ? $"{Root}00/{k}" : null,
            ("id", "sgln") => Fields(body, 3) is [var cp, var location, var extension] && Key(cp, location, 12) is { } gln && Text(extension, 20)
                ? $"{Root}414/{gln}" + (extension == "0" ? string.Empty : $"/254/{Enc(extension)}")
                : null,
            ("id", "pgln") => Fields(body, 2) is [var cp, var party] && Key(cp, party, 12) is { } gln ? $"{Root}417/{gln}" : null,
            ("id", "grai") => Fields(body, 3) is [var cp, var asset, var serial] && Key(cp, asset, 12) is { } grai && Text(serial, 16) ? $"{Root}8003/0{grai}{Enc(serial)}" : null,
            ("id", "giai") => Fields(body, 2) is [var cp, var asset] && CompanyPrefix(cp) && Text(asset, 30 - cp.Length) ? $"{Root}8004/{cp}{Enc(asset)}" : null,
            ("id", "gsrn") => Fields(body, 2) is [var cp, var service] && Key(cp, service, 17) is { } k ? $"{Root}8018/{k}" : null,
            ("id", "gsrnp") => Fields(body, 2) is [var cp, var service] && Key(cp, service, 17) is { } k ? $"{Root}8017/{k}" : null,
            ("id", "gdti") => Fields(body, 3) is [var cp, var type, var serial] && Key(cp, type, 12) is { } k && Text(serial, 17) ? $"{Root}253/{k}{Enc(serial)}" : null,
            ("id", "sgcn") => Fields(body, 3) is [var cp, var coupon, var serial] && Key(cp, coupon, 12) is { } k && serial.Length <= 12 && serial.All(char.IsAsciiDigit)
                ? $"{Root}255/{k}{serial}"
                : null,
            ("id", "cpi") => Cpi(body),
            ("id", "ginc") => Fields(body, 2) is [var cp, var consignment] && CompanyPrefix(cp) && Text(consignment, 30 - cp.Length) ? $"{Root}401/{cp}{Enc(consignment)}" : null,
            ("id", "gsin") => Fields(body, 2) is [var cp, var shipper] && Key(cp, shipper, 16) is { } k ? $"{Root}402/{k}" : null,
            ("id", "itip") => Fields(body, 5) is [var cp, var item, var piece, var total, var serial] && Gtin(cp, item) is { } g && TwoDigits(piece) && TwoDigits(total) && Text(serial, 20)
                ? $"{Root}8006/{g}{piece}{total}/21/{Enc(serial)}"
                : null,
            ("id", "upui") => Fields(body, 3) is [var cp, var item, var tpx] && Gtin(cp, item) is { } g && Text(tpx, 28) ? $"{Root}01/{g}/235/{Enc(tpx)}" : null,
            ("class", "lgtin") => Fields(body, 3) is [var cp, var item, var lot] && Gtin(cp, item) is { } g && Text(lot, 20) ? $"{Root}01/{g}/10/{Enc(lot)}" : null,
            ("idpat", "sgtin") or ("idpat", "upui") => Fields(body, 3) is [var cp, var item, "*"] && Gtin(cp, item) is { } g ? $"{Root}01/{g}" : null,
            ("idpat", "grai") => Fields(body, 3) is [var cp, var asset, "*"] && Key(cp, asset, 12) is { } k ? $"{Root}8003/0{k}" : null,
            ("idpat", "gdti") => Fields(body, 3) is [var cp, var type, "*"] && Key(cp, type, 12) is { } k ? $"{Root}253/{k}" : null,
            ("idpat", "sgcn") => Fields(body, 3) is [var cp, var coupon, "*"] && Key(cp, coupon, 12) is { } k ? $"{Root}255/{k}" : null,
            ("idpat", "cpi") => Fields(body, 3) is [var cp, var part, "*"] && CompanyPrefix(cp) && CpiPart(part, 30 - cp.Length) ? $"{Root}8010/{cp}{Enc(part)}" : null,
            ("idpat", "itip") => Fields(body, 5) is [var cp, var item, var piece, var total, "*"] && Gtin(cp, item) is { } g && TwoDigits(piece) && TwoDigits(total) ? $"{Root}8006/{g}{piece}{total}" : null,
            _ => null,
        };
    }

    /// <summary>CPI: company prefix, component/part reference (which may not hold a dot), serial digits after the last dot.</summary>
    private static string? Cpi(string body)
    {
        var first = body.IndexOf('.', StringComparison.Ordinal);
        var last = body.LastIndexOf('.');
        if (first <= 0 || last <= first)
        {
            return null;
        }

        var (cp, part, serial) = (body[..first], body[(first + 1)..last], body[(last + 1)..]);
        return CompanyPrefix(cp) && CpiPart(part, 30 - cp.Length) && serial.Length is >= 1 and <= 12 && serial.All(char.IsAsciiDigit)
            ? $"{Root}8010/{cp}{Enc(part)}/8011/{serial}"
            : null;
    }

    private static bool CpiPart(string part, int max)
    {
        var decoded = DigitalLinkEncoding.Decode(part);
        return decoded.Length >= 1 && decoded.Length <= max && decoded.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c is '-' or '#' or '/');
    }

    private static string[] Fields(string body, int count)
    {
        var f = body.Split('.', count);
        return f.Length == count ? f : [];
    }

    private static bool CompanyPrefix(string cp) => cp.Length is >= 6 and <= 12 && cp.All(char.IsAsciiDigit);

    private static bool TwoDigits(string s) => s.Length == 2 && s.All(char.IsAsciiDigit);

    /// <summary>A serial, lot or extension: 1 to max characters once decoded, none of them a control character.</summary>
    private static bool Text(string value, int max)
    {
        var decoded = DigitalLinkEncoding.Decode(value);
        return decoded.Length >= 1 && decoded.Length <= max && !decoded.Any(char.IsControl);
    }

    /// <summary>GTIN-14 from an SGTIN's company prefix and indicator digit + item reference.</summary>
    private static string? Gtin(string cp, string indicatorAndItem) => Key(cp, indicatorAndItem, 13, extensionFirst: true);

    /// <summary>
    /// The key digits of company prefix + reference (together <paramref name="digits"/> long), with the check digit appended;
    /// when <paramref name="extensionFirst"/>, the reference's first digit (indicator or extension digit) leads the key.
    /// </summary>
    private static string? Key(string cp, string reference, int digits, bool extensionFirst = false)
    {
        if (!CompanyPrefix(cp) || cp.Length + reference.Length != digits || !reference.All(char.IsAsciiDigit) || (extensionFirst && reference.Length == 0))
        {
            return null;
        }

        var key = extensionFirst ? reference[..1] + cp + reference[1..] : cp + reference;
        return key + DigitalLink.CheckDigit(key);
    }

    private static string Enc(string value) => DigitalLinkEncoding.Canonical(value);
}
