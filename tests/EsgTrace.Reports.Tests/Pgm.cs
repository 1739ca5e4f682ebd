namespace EsgTrace.Reports.Tests;

/// <summary>Reads the grey levels of a binary PGM (P5, 8-bit), as pdftoppm -gray writes it.</summary>
internal static class Pgm
{
    public static byte[] Pixels(byte[] file)
    {
        var at = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)file[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)file[at]))
            {
                at++;
            }

            return System.Text.Encoding.ASCII.GetString(file, start, at - start);
        }

        if (Token() != "P5")
        {
            throw new InvalidDataException("Not a binary PGM.");
        }

        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        _ = Token(); // maximum grey value
        return file.AsSpan(at + 1, width * height).ToArray();
    }
}
