namespace EsgTrace.Factors;

/// <summary>How goods moved on a shipment leg.</summary>
public enum TransportMode
{
    Road,
    Rail,
    Sea,
    Air,
    InlandWaterway,
}
