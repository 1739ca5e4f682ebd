using System.Text;

namespace EsgTrace.Gs1;

/// <summary>
/// The percent-encoding of a GS1 key or qualifier value in a canonical Digital Link (GS1 Digital Link 1.2, as the CBV 2.0
/// event hash uses it): letters, digits and - . _ ~ ' ; = stay as they are; every other character (! ( ) * + , : " % &amp; /
/// &lt; &gt; ? # and anything outside ASCII) is written %XX, upper-case hex, of its UTF-8 bytes. A value is decoded first, so
/// "A%2fB", "A%2FB" and an EPC URN's "A%2FB" all become "A%2FB".
/// </summary>
public static class DigitalLinkEncoding
{
    public static string Canonical(string value) => Encode(Decode(value));

    public static string Encode(string value)
    {
        var s = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '\'' or ';' or '='))
            {
                s.Append(c);
            }
            else
            {
                s.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return s.ToString();
    }

    /// <summary>Undoes %XX escapes; a '%' not followed by two hex digits stays a literal '%'.</summary>
    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        var run = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[run..i]));
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
                run = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(value[run..]));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
