namespace EsgTrace.Epcis;

/// <summary>An event as stored: its record key, the prefixes of its document and its JSON (with eventID and recordTime).</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-stored-event")]
public sealed record EpcisStoredEvent(string RecordKey, IReadOnlyDictionary<string, string> Context, byte[] Event);
