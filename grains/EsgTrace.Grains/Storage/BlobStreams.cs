using System.Runtime.InteropServices;

namespace EsgTrace.Storage;

/// <summary>Reads a blob's bytes as a stream without copying them when they sit in an array.</summary>
public static class BlobStreams
{
    public static Stream Open(ReadOnlyMemory<byte> content)
        => MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
