namespace EsgTrace.Units;

/// <summary>A quantity was used with a unit of another dimension, or an unknown unit was named.</summary>
public sealed class UnitMismatchException(string message) : Exception(message);
