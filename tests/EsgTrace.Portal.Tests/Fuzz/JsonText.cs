using System.Globalization;
using System.Text;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>JSON and URL text written by hand, so that what a serializer would refuse (lone surrogates) can still be sent.</summary>
public static class JsonText
{
    /// <summary>A JSON string literal; control characters and every surrogate are written as \u escapes, so a lone one survives.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                _ when c < ' ' || char.IsSurrogate(c) => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>A path segment or query value escaped for a URL; a lone surrogate becomes its (invalid) three UTF-8 bytes.</summary>
    public static string EscapeSegment(string value)
    {
        try
        {
            return Uri.EscapeDataString(value);
        }
        catch (UriFormatException)
        {
            var bytes = new List<byte>();
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i++, 2)));
                }
                else
                {
                    bytes.AddRange(char.IsSurrogate(c)
                        ? [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]
                        : Encoding.UTF8.GetBytes(c.ToString()));
                }
            }

            return string.Concat(bytes.Select(b => "%" + b.ToString("X2", CultureInfo.InvariantCulture)));
        }
    }
}
