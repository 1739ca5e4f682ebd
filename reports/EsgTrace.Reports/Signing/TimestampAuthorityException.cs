namespace EsgTrace.Reports.Signing;

/// <summary>The timestamp authority gave no usable token; a document that was to be timestamped is then not signed at all.</summary>
public sealed class TimestampAuthorityException : Exception
{
    public TimestampAuthorityException(Uri address, string reason, Exception? inner = null)
        : base($"The timestamp authority at {address} gave no usable timestamp: {reason}", inner)
    {
        Address = address;
    }

    public Uri Address { get; }
}
