using System.Buffers.Binary;

namespace EsgTrace.Reports.Tests.Fonts;

/// <summary>Reads an OpenType file's table directory (the spec's "Table Directory"), to check what a subset kept.</summary>
internal sealed class SfntFile(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public IReadOnlyDictionary<string, (uint Checksum, int Offset, int Length)> Tables { get; } = ReadTables(bytes);

    /// <summary>The OpenType checksum: the sum of big-endian uint32 words, the last one padded with zeros.</summary>
    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        Span<byte> word = stackalloc byte[4];
        for (var i = 0; i < data.Length; i += 4)
        {
            word.Clear();
            data[i..Math.Min(i + 4, data.Length)].CopyTo(word);
            sum += BinaryPrimitives.ReadUInt32BigEndian(word);
        }

        return sum;
    }

    private static Dictionary<string, (uint, int, int)> ReadTables(byte[] bytes)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4));
        var tables = new Dictionary<string, (uint, int, int)>();
        for (var i = 0; i < count; i++)
        {
            var record = bytes.AsSpan(12 + (16 * i), 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            tables[tag] = (BinaryPrimitives.ReadUInt32BigEndian(record[4..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        return tables;
    }
}
