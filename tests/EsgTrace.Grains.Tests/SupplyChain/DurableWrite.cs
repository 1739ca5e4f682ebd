namespace EsgTrace.Grains.Tests.SupplyChain;

/// <summary>One write call that reached the table store: which call, and each row it wrote as "table/partition/row".</summary>
public sealed record DurableWrite(string Call, IReadOnlyList<string> Rows);
