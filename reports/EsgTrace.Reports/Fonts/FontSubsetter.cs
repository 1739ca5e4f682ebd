using System.Runtime.InteropServices;

namespace EsgTrace.Reports.Fonts;

/// <summary>
/// Cuts a TrueType font down to the characters a document shows, with HarfBuzz's hb-subset. Skia's PDF backend (as
/// SkiaSharp builds it) embeds whatever font program it is given, whole; giving it a subset keeps proofs small. The
/// subset is a pure function of the font and the characters, so the same document embeds the same bytes.
/// </summary>
public static class FontSubsetter
{
    /// <summary>
    /// Tables a PDF never uses from an embedded TrueType font: Skia draws glyph by glyph from the cmap (no shaping, no
    /// kerning), so the layout tables would only add bytes, and keeping GSUB would pull in every ligature of the kept glyphs.
    /// </summary>
    private static readonly string[] DroppedTables = ["GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM", "BASE", "JSTF", "DSIG"];

    /// <summary>
    /// A font with the outlines, metrics and cmap entries of <paramref name="codePoints"/> (and .notdef) only; hinting,
    /// names needed to identify the font and every kept glyph's advance are unchanged, so text measures the same.
    /// </summary>
    public static byte[] Subset(byte[] font, IEnumerable<int> codePoints)
    {
        ArgumentNullException.ThrowIfNull(font);
        IntPtr blob = 0, face = 0, input = 0, subset = 0, result = 0;
        try
        {
            blob = HarfBuzzSubset.hb_blob_create(font, (uint)font.Length, HarfBuzzSubset.MemoryModeDuplicate, 0, 0);
            face = HarfBuzzSubset.hb_face_create(blob, 0);
            input = HarfBuzzSubset.hb_subset_input_create_or_fail();
            if (input == 0)
            {
                throw new InvalidOperationException("HarfBuzz could not create a subset input (out of memory).");
            }

            var unicodes = HarfBuzzSubset.hb_subset_input_set(input, HarfBuzzSubset.SetUnicode);
            foreach (var codePoint in codePoints)
            {
                HarfBuzzSubset.hb_set_add(unicodes, (uint)codePoint);
            }

            var dropped = HarfBuzzSubset.hb_subset_input_set(input, HarfBuzzSubset.SetDropTableTag);
            foreach (var tag in DroppedTables)
            {
                HarfBuzzSubset.hb_set_add(dropped, Tag(tag));
            }

            HarfBuzzSubset.hb_subset_input_set_flags(input, HarfBuzzSubset.FlagNotdefOutline);
            subset = HarfBuzzSubset.hb_subset_or_fail(face, input);
            if (subset == 0)
            {
                throw new InvalidDataException("HarfBuzz could not subset the font (not a valid OpenType font?).");
            }

            result = HarfBuzzSubset.hb_face_reference_blob(subset);
            var data = HarfBuzzSubset.hb_blob_get_data(result, out var length);
            if (data == 0 || length == 0)
            {
                throw new InvalidDataException("HarfBuzz returned an empty subset.");
            }

            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            return bytes;
        }
        finally
        {
            // Each destroy accepts what the matching create returned, and HarfBuzz treats a null handle as a no-op.
            HarfBuzzSubset.hb_blob_destroy(result);
            HarfBuzzSubset.hb_face_destroy(subset);
            HarfBuzzSubset.hb_subset_input_destroy(input);
            HarfBuzzSubset.hb_face_destroy(face);
            HarfBuzzSubset.hb_blob_destroy(blob);
        }
    }

    private static uint Tag(string tag) => (uint)(tag[0] << 24 | tag[1] << 16 | tag[2] << 8 | tag[3]);
}
