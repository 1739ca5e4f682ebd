using System.Security.Cryptography;

namespace EsgTrace.Storage;

/// <summary>Rules for blob container and blob names shared by every blob backend.</summary>
public static class BlobNames
{
    public static void EnsureContainer(string container)
    {
        // Azure: 3-63 chars, lowercase letters, digits and single hyphens; we keep to letters and digits.
        if (container.Length is < 3 or > 63 || !char.IsAsciiLetterLower(container[0]) || !container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new ArgumentException($"Container name '{container}' is invalid: use 3-63 lowercase ASCII letters and digits, starting with a letter.", nameof(container));
        }
    }

    public static void EnsureName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 512 || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.EndsWith('/')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
        {
            throw new ArgumentException($"Blob name '{name}' is invalid: use ASCII letters, digits, '-', '_', '.' and '/' separators, without '..'.", nameof(name));
        }
    }

    /// <summary>
    /// A record id as one blob-name segment. Ids (<c>Validation.IsId</c>: letters, digits, '.', '-', '_', ':') are valid
    /// table keys on every backend as they are, but ':' and '..' are not valid in blob names: each ':' becomes '_' and
    /// every '.' that follows a '.' becomes '_', so "acme:eu" is "acme_eu" and "acme..x" is "acme._x". Two ids may share a
    /// segment; documents are content-addressed below it (segment/SHA-256), so they still never collide.
    /// </summary>
    public static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var segment = new char[id.Length];
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            segment[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && (i == 0 || segment[i - 1] != '.')) ? c : '_';
        }

        return new string(segment);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
