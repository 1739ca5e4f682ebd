namespace EsgTrace.Footprints;

/// <summary>The life-cycle stage a contribution belongs to (cradle-to-gate).</summary>
public enum FootprintStage
{
    Materials,
    Transport,
    ProcessEnergy,
}
