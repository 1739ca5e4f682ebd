using System.Text;

namespace EsgTrace.Epcis;

/// <summary>nextPageToken: the record key of the last event a page returned, opaque to clients (base64url).</summary>
public static class EpcisPageToken
{
    public static string Encode(string recordKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + recordKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string token)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - (b64.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            return text.StartsWith("v1:", StringComparison.Ordinal) && text.Length > 3 && text.Length < 100 && text[3..].All(char.IsAsciiLetterOrDigit) ? text[3..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
