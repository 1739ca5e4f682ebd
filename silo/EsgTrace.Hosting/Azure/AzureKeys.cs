using System.Text;

namespace EsgTrace.Hosting.Azure;

/// <summary>
/// Escapes table keys for Azure Table storage, which forbids '/', '\', '#', '?' and control characters in keys.
/// Forbidden characters and '%' itself become '%' + two hex digits, so escaping is reversible. Keys without those
/// characters are stored as they are, so range scans over such keys order exactly as on the other backends.
/// </summary>
public static class AzureKeys
{
    public static string Escape(string key)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder ??= new StringBuilder(key, 0, i, key.Length + 8);
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? key;
    }

    public static string Unescape(string key)
    {
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length)
            {
                builder.Append((char)Convert.ToInt32(key.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }
}
