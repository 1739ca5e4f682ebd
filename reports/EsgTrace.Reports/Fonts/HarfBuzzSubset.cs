using System.Runtime.InteropServices;

namespace EsgTrace.Reports.Fonts;

/// <summary>
/// The few entry points of HarfBuzz's subsetter (hb-subset.h) that <see cref="FontSubsetter"/> needs. HarfBuzzSharp's
/// native library exports them, but its managed API does not wrap them, so they are bound here directly.
/// </summary>
internal static class HarfBuzzSubset
{
    private const string Library = "libHarfBuzzSharp";

    /// <summary>HB_MEMORY_MODE_DUPLICATE: HarfBuzz copies the bytes, so the managed array need not stay pinned.</summary>
    public const int MemoryModeDuplicate = 0;

    /// <summary>hb_subset_sets_t values.</summary>
    public const int SetUnicode = 1;

    public const int SetDropTableTag = 3;

    /// <summary>hb_subset_flags_t: keep the .notdef outline, so a character the font lacks still shows as a box.</summary>
    public const uint FlagNotdefOutline = 0x40;

    [DllImport(Library)]
    public static extern IntPtr hb_blob_create(byte[] data, uint length, int mode, IntPtr userData, IntPtr destroy);

    [DllImport(Library)]
    public static extern void hb_blob_destroy(IntPtr blob);

    [DllImport(Library)]
    public static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [DllImport(Library)]
    public static extern IntPtr hb_face_create(IntPtr blob, uint index);

    [DllImport(Library)]
    public static extern IntPtr hb_face_reference_blob(IntPtr face);

    [DllImport(Library)]
    public static extern void hb_face_destroy(IntPtr face);

    [DllImport(Library)]
    public static extern IntPtr hb_subset_input_create_or_fail();

    [DllImport(Library)]
    public static extern void hb_subset_input_destroy(IntPtr input);

    [DllImport(Library)]
    public static extern IntPtr hb_subset_input_set(IntPtr input, int setType);

    [DllImport(Library)]
    public static extern void hb_subset_input_set_flags(IntPtr input, uint flags);

    [DllImport(Library)]
    public static extern void hb_set_add(IntPtr set, uint codePoint);

    [DllImport(Library)]
    public static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
}
