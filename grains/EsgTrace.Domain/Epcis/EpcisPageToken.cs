using System.Text;

namespace EsgTrace.Epcis;

/// <summary>
/// nextPageToken, opaque to clients (base64url): in record order, the record key of the last event a page returned ("v1:");
/// in an orderBy order, the number of events the pages so far returned ("v2:").
/// </summary>
public static class EpcisPageToken
{
    public static string Encode(string recordKey) => Base64Url("v1:" + recordKey);

    public static string EncodeOffset(int offset) => Base64Url("v2:" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The offset of an ordered query's token, or null when the token is none.</summary>
    public static int? DecodeOffset(string token)
        => Text(token) is { } text && text.StartsWith("v2:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset) ? offset : null;

    public static string? Decode(string token) => Text(token) is { } text && text.StartsWith("v1:", StringComparison.Ordinal) && text.Length > 3 && text.Length < 100 && text[3..].All(char.IsAsciiLetterOrDigit) ? text[3..] : null;

    /// <summary>A listing's token (named queries, vocabularies): the key to continue after, behind the listing's tag.</summary>
    public static string EncodeAfter(string tag, string afterKey) => Base64Url(tag + afterKey);

    /// <summary>The key a listing token continues after, or null when the token is not one of that listing's.</summary>
    public static string? DecodeAfter(string tag, string token) => Text(token) is { } text && text.StartsWith(tag, StringComparison.Ordinal) ? text[tag.Length..] : null;

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Text(string token)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - (b64.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            return text;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
