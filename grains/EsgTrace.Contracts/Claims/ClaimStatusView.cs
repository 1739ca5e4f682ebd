using NodaTime;

namespace EsgTrace.Claims;

/// <summary>
/// What a claim's status means now, in words, built from one evaluation (the latest check) by
/// <see cref="ClaimStatusWording.Describe"/>. Every page and endpoint that shows a claim shows these sentences and no
/// others, so a status and the sentence below it cannot disagree.
/// </summary>
/// <param name="Label">The status as a reader says it ("At risk").</param>
/// <param name="Headline">What the status means ("At risk: newer data no longer substantiates this claim.").</param>
/// <param name="Finding">The figures behind it ("Now 1.61 kg CO2e per piece, above the claimed 1.5; at publication 1.36."); empty before any check.</param>
/// <param name="Holds">The latest check's verdict; null before any check.</param>
/// <param name="Actual">The latest check's figure (kg CO2e per declared unit, or a percentage), null when none could be computed.</param>
/// <param name="AtPublication">The same figure as checked at publication; null before publication.</param>
/// <param name="CheckedAt">When the latest check ran; null before any check.</param>
[GenerateSerializer, Immutable, Alias("esg.claim-status-view")]
public sealed record ClaimStatusView(
    ClaimStatus Status,
    string Label,
    ClaimTone Tone,
    string Headline,
    string Finding,
    bool? Holds,
    decimal? Actual,
    decimal Threshold,
    decimal? AtPublication,
    Instant? CheckedAt);
