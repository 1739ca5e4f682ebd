namespace EsgTrace.SupplyChain;

/// <summary>GS1 keys (GLN: 13 digits; GTIN: 8, 12, 13 or 14 digits) end in a mod-10 check digit, weights 3 and 1 from the right.</summary>
public static class Gln
{
    public static bool IsValid(string? gln) => gln is { Length: 13 } && HasValidCheckDigit(gln);

    public static bool IsValidGtin(string? gtin) => gtin is { Length: 8 or 12 or 13 or 14 } && HasValidCheckDigit(gtin);

    private static bool HasValidCheckDigit(string key)
    {
        if (!key.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        var data = key.Length - 1;
        for (var i = 0; i < data; i++)
        {
            // The data digit next to the check digit gets weight 3, then 1, 3, … leftwards.
            sum += (key[i] - '0') * ((data - i) % 2 == 1 ? 3 : 1);
        }

        return (10 - (sum % 10)) % 10 == key[data] - '0';
    }
}
