namespace EsgTrace.Epcis;

/// <summary>An EPCIS error in the standard's RFC 9457 shape: the EPCIS exception type, a title, the detail and where (a JSON pointer).</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-problem")]
public sealed record EpcisProblem(string Type, string Title, string Detail, string? Pointer = null, int Status = 400)
{
    public const string Validation = "epcisException:ValidationException";
    public const string CaptureLimitExceeded = "epcisException:CaptureLimitExceededException";
    public const string ResourceAlreadyExists = "epcisException:ResourceAlreadyExistsException";
    public const string NoSuchResource = "epcisException:NoSuchResourceException";
    public const string QueryParameter = "epcisException:QueryParameterException";
    public const string QueryTooLarge = "epcisException:QueryTooLargeException";
    public const string Implementation = "epcisException:ImplementationException";

    public static EpcisProblem Invalid(string detail, string? pointer = null) => new(Validation, "The EPCIS document is not valid.", detail, pointer);
}
