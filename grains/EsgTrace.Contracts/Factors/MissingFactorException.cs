namespace EsgTrace.Factors;

/// <summary>A calculation needs an emission factor the chosen dataset does not have.</summary>
public sealed class MissingFactorException(string message) : Exception(message);
