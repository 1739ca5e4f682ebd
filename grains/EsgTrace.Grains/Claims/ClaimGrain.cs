using EsgTrace.Claims;
using EsgTrace.Analysis;
using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.Claims;

/// <summary>A claim: every step is an event with who, when and what they saw; publication needs data that holds and two people.</summary>
public sealed class ClaimGrain(
    [PersistentState("claim")] IPersistentState<ClaimState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    ITableStore tables,
    IBlobStore blobs,
    Signing.IDocumentSigner signer,
    IClock clock,
    Telemetry.EsgTraceMetrics metrics) : Grain, IClaimGrain
{
    private const string Platform = "platform";
    private EventJournal<ClaimState, ClaimEvent> _journal = null!;

    // The latest re-check of a live claim that did not change its status. Not an event (a re-check on every read would
    // grow the history without bound); it is repeated on the next read, and a status change records its own check.
    private ClaimCheck? _observed;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new("claim/" + Id, snapshot, log, ClaimEventTypes.All, ClaimState.Apply, FollowUpsAsync, GrainContext);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<ClaimView>> Draft(ClaimDraft draft, string actor)
    {
        var check = new Validation().Id(Id, "id").Id(draft.ProductId, "productId")
            .Check(Enum.IsDefined(draft.Type), "type", "'type' is one of footprint-at-most, footprint-reduction, certified-content, recycled-content, traceable-content, it-emissions-per-unit-at-most, it-emissions-reduction.")
            .Check(draft.Threshold > 0 && (draft.Type is ClaimType.FootprintAtMost or ClaimType.ItEmissionsPerUnitAtMost || draft.Threshold <= 100), "threshold", "'threshold' is kg CO2e (> 0) for a footprint or IT emissions limit, else a percentage from 0 to 100.")
            .Check(draft.ValidUntil > clock.GetCurrentInstant().InUtc().Date, "validUntil", "'validUntil' must be in the future.")
            .Check(draft.Type != ClaimType.FootprintReduction || draft.BaselineKgCo2e is > 0, "baselineKgCo2e", "A reduction claim needs the baseline footprint (kg CO2e per declared unit).")
            .Check(Enum.IsDefined(draft.Scope), "scope", "'scope' is product, batch or portfolio.")
            .Check(draft.Scope != ClaimScope.Batch || draft.Subjects is [var b] && Validation.IsId(b), "subjects", "A batch claim names exactly one batch id in 'subjects'.")
            .Check(draft.Scope != ClaimScope.Portfolio || draft.Subjects is { Count: >= 2 and <= 50 } s && s.All(Validation.IsId) && s.Distinct().Count() == s.Count, "subjects", "A portfolio claim lists 2 to 50 distinct product ids in 'subjects'.")
            .Check(draft.Scope != ClaimScope.Portfolio || draft.Type != ClaimType.FootprintReduction, "type", "Reduction claims are made per product, not per portfolio.")
            .Check(!Enum.IsDefined(draft.Type) || !Enum.IsDefined(draft.Scope) || ItClaims.IsIt(draft.Type) == ItClaims.IsIt(draft.Scope), "scope", "IT emission claims are about a workload or a workload group; product claims about a product, batch or portfolio.")
            .Check(draft.Scope != ClaimScope.WorkloadGroup || draft.Subjects is { Count: >= 2 and <= 50 } g && g.All(Validation.IsId) && g.Distinct().Count() == g.Count, "subjects", "A workload group lists 2 to 50 distinct workload ids in 'subjects'.")
            .Check(draft.Type != ClaimType.ItEmissionsReduction || draft.BaselineFrom is { } bf && draft.BaselineTo is { } bt && bf <= bt && Period.DaysBetween(bf, bt) <= 3 * 366, "baselineFrom", "An IT reduction claim names its baseline period ('baselineFrom' to 'baselineTo', inclusive, at most three years).")
            .Text(draft.Wording, "wording", 300);
        if (check.IsValid)
        {
            foreach (var problem in WordingCheck.Problems(draft.Wording, ClaimRule.Of(draft)))
            {
                check.Add("wording", problem);
            }
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        await _journal.FinishPendingAsync();
        if (_journal.Exists)
        {
            return SameContent.Of(_journal.State.Draft, draft) ? Outcome<ClaimView>.Ok(View()) : FactRules.AlreadyRecorded("claim", Id);
        }

        await _journal.AppendAsync(new ClaimDrafted(draft, clock.GetCurrentInstant(), actor));
        return Outcome<ClaimView>.Ok(View());
    }

    public async Task<Outcome<ClaimView>> Verify(string actor)
    {
        await _journal.FinishPendingAsync();
        if (Require(ClaimStatus.Draft, ClaimStatus.Verified) is { } problem)
        {
            return problem;
        }

        var figures = await FiguresAsync();
        if (!figures.IsOk)
        {
            return figures.Problem!;
        }

        var evaluation = ClaimEvaluator.Evaluate(ClaimRule.Of(_journal.State.Draft!), figures.Value!);
        await _journal.AppendAsync(new ClaimChecked(evaluation, figures.Value!, clock.GetCurrentInstant(), actor));
        return Outcome<ClaimView>.Ok(View());
    }

    public async Task<Outcome<ClaimView>> Approve(string actor)
    {
        await _journal.FinishPendingAsync();
        if (Require(ClaimStatus.Verified) is { } problem)
        {
            return problem;
        }

        if (actor == _journal.State.Owner)
        {
            return new DomainProblem(ProblemKind.Forbidden, "A second person must approve.", ItClaims.IsIt(_journal.State.Draft!.Type) ? "You drafted this claim; the CIO (role it) must approve it." : "You drafted this claim; someone else (IT or audit) must approve it.");
        }

        await _journal.AppendAsync(new ClaimApproved(clock.GetCurrentInstant(), actor));
        return Outcome<ClaimView>.Ok(View());
    }

    public async Task<Outcome<ClaimView>> Publish(string actor, Uri publicBaseUrl)
    {
        await _journal.FinishPendingAsync();
        if (Require(ClaimStatus.Approved) is { } problem)
        {
            return problem;
        }

        if (publicBaseUrl is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            return DomainProblem.Invalid("publicBaseUrl", "The proof's verification address needs the portal's public base URL, absolute http or https.");
        }

        if (ItClaims.IsIt(_journal.State.Draft!.Type))
        {
            return await PublishItAsync(actor, publicBaseUrl);
        }

        // One analysis serves both the check and the proof, so the PDF shows exactly the figures the claim was published on.
        var analyzed = await AnalyzeAsync();
        if (!analyzed.IsOk)
        {
            return analyzed.Problem!;
        }

        var analysis = analyzed.Value!;
        var figures = FiguresOf(analysis);
        var evaluation = ClaimEvaluator.Evaluate(ClaimRule.Of(_journal.State.Draft!), figures);
        if (!evaluation.Holds)
        {
            await _journal.AppendAsync(new ClaimChecked(evaluation, figures, clock.GetCurrentInstant(), Platform));
            return new DomainProblem(ProblemKind.Conflict, "The data no longer substantiates the claim.", evaluation.Explanation);
        }

        // The proof shows the workflow up to publication, dated at publication, so re-rendering it gives the same bytes.
        var at = clock.GetCurrentInstant();
        var preview = new ClaimState { Draft = _journal.State.Draft, LastEvaluation = evaluation, Steps = [.. _journal.State.Steps, new ClaimStep("published", actor, at, evaluation.Explanation, figures.LineageRootSha256)] };
        var model = ClaimProofBuilder.Model(Id, preview, ClaimStatus.Published, analysis, Factors.FactorCatalog.Starter, at, VerificationUrl(publicBaseUrl));
        return await StoreProofAsync(() => ClaimProofBuilder.SignedPdfAsync(model, analysis, signer), figures, evaluation, at, actor);
    }

    /// <summary>Publication of an IT claim: the same checks and steps, its proof built from the green-IT figures.</summary>
    private async Task<Outcome<ClaimView>> PublishItAsync(string actor, Uri publicBaseUrl)
    {
        var loaded = await ItClaimSource.LoadAsync(GrainFactory, _journal.State.Draft!);
        if (!loaded.IsOk)
        {
            return loaded.Problem!;
        }

        var basis = loaded.Value!;
        var evaluation = ClaimEvaluator.Evaluate(ClaimRule.Of(_journal.State.Draft!), basis.Figures);
        if (!evaluation.Holds)
        {
            await _journal.AppendAsync(new ClaimChecked(evaluation, basis.Figures, clock.GetCurrentInstant(), Platform));
            return new DomainProblem(ProblemKind.Conflict, "The data no longer substantiates the claim.", evaluation.Explanation);
        }

        var at = clock.GetCurrentInstant();
        var preview = new ClaimState { Draft = _journal.State.Draft, LastEvaluation = evaluation, Steps = [.. _journal.State.Steps, new ClaimStep("published", actor, at, evaluation.Explanation, basis.Figures.LineageRootSha256)] };
        var model = ItClaimProofBuilder.Model(Id, preview, ClaimStatus.Published, basis, at, VerificationUrl(publicBaseUrl));
        return await StoreProofAsync(() => ItClaimProofBuilder.SignedPdfAsync(model, basis, signer), basis.Figures, evaluation, at, actor);
    }

    private async Task<Outcome<ClaimView>> StoreProofAsync(Func<Task<byte[]>> sign, ClaimFigures figures, ClaimEvaluation evaluation, Instant at, string actor)
    {
        byte[] pdf;
        try
        {
            pdf = await sign();
        }
        catch (Reports.Signing.TimestampAuthorityException ex)
        {
            // A proof without the timestamp the platform is configured to give would look weaker than it should: publish none.
            return new DomainProblem(ProblemKind.Unavailable, "No timestamp for the proof.", ex.Message + " Nothing was published; publish again when the authority answers.");
        }

        var stored = await blobs.PutAsync("proofs", $"{BlobNames.Sha256Hex(pdf)}.pdf", pdf, "application/pdf");
        await _journal.AppendAsync(new ClaimPublished(figures, $"proofs/{stored.Name}", stored.Sha256, at, actor, evaluation));
        return Outcome<ClaimView>.Ok(View());
    }

    public async Task<Outcome<ClaimView>> Withdraw(string reason, string actor)
    {
        await _journal.FinishPendingAsync();
        if (!_journal.Exists)
        {
            return FactRules.NotRecorded("claim", Id);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainProblem.Invalid("reason", "Say why the claim is withdrawn.");
        }

        if (_journal.State.Status != ClaimStatus.Withdrawn)
        {
            await _journal.AppendAsync(new ClaimWithdrawn(reason, clock.GetCurrentInstant(), actor));
        }

        return Outcome<ClaimView>.Ok(View());
    }

    public async Task<ClaimView?> Monitor()
    {
        await _journal.FinishPendingAsync();
        if (!_journal.Exists)
        {
            return null;
        }

        var state = _journal.State;
        if (state.Status is ClaimStatus.Published or ClaimStatus.AtRisk)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = "no-figures";
            if (clock.GetCurrentInstant().InUtc().Date > state.Draft!.ValidUntil)
            {
                result = "expired";
                await _journal.AppendAsync(new ClaimStatusChanged(ClaimStatus.Expired, $"Valid until {state.Draft.ValidUntil:yyyy-MM-dd}.", clock.GetCurrentInstant(), Platform));
            }
            else if (await FiguresAsync() is { IsOk: true } figures)
            {
                var evaluation = ClaimEvaluator.Evaluate(ClaimRule.Of(state.Draft), figures.Value!);
                var status = evaluation.Holds ? ClaimStatus.Published : ClaimStatus.AtRisk;
                result = evaluation.Holds ? "holds" : "at-risk";
                if (status != state.Status)
                {
                    _observed = null;
                    await _journal.AppendAsync(new ClaimStatusChanged(status, evaluation.Explanation, clock.GetCurrentInstant(), Platform, evaluation, figures.Value));
                }
                else if (Latest()?.Evaluation != evaluation)
                {
                    // Same status, other figures: the index (portal list, monitor) shows the new figures too.
                    _observed = new ClaimCheck(evaluation, figures.Value, clock.GetCurrentInstant());
                    await JsonIndex.PutAsync(index, "claims", "all", Id, View());
                }
            }

            metrics.ClaimChecked(result, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        return View();
    }

    public Task<ClaimView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    public async Task<Outcome<Lineage.LineageRecord>> ItLineage()
    {
        if (!_journal.Exists || !ItClaims.IsIt(_journal.State.Draft!.Type))
        {
            return FactRules.NotRecorded("IT claim", Id);
        }

        var basis = await ItClaimSource.LoadAsync(GrainFactory, _journal.State.Draft!);
        return basis.IsOk ? Outcome<Lineage.LineageRecord>.Ok(basis.Value!.Lineage) : basis.Problem!;
    }

    public async Task<byte[]?> Proof()
    {
        if (_journal.State.ProofBlob is not { } blob)
        {
            return null;
        }

        var stored = await blobs.GetAsync("proofs", blob["proofs/".Length..]);
        return stored?.Content.ToArray();
    }

    /// <summary>The public page of this claim under the portal's public base URL (a path base such as /esg is kept).</summary>
    private string VerificationUrl(Uri publicBaseUrl) => publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/verify/" + Uri.EscapeDataString(Id);

    private DomainProblem? Require(params ClaimStatus[] allowed)
        => !_journal.Exists ? FactRules.NotRecorded("claim", Id)
            : allowed.Contains(_journal.State.Status) ? null
            : new DomainProblem(ProblemKind.Conflict, "Not at this step.", $"Claim '{Id}' is {_journal.State.Status.ToString().ToLowerInvariant()}; this step needs it to be {string.Join(" or ", allowed.Select(a => a.ToString().ToLowerInvariant()))}.");

    private Task<Outcome<ProductAnalysis>> AnalyzeAsync()
    {
        var d = _journal.State.Draft!;
        return GrainFactory.GetGrain<IProductAnalysisGrain>(0).AnalyzeScope(d.Scope, d.ProductId, d.Subjects ?? []);
    }

    private async Task<Outcome<ClaimFigures>> FiguresAsync()
    {
        if (ItClaims.IsIt(_journal.State.Draft!.Type))
        {
            var basis = await ItClaimSource.LoadAsync(GrainFactory, _journal.State.Draft!);
            return basis.IsOk ? Outcome<ClaimFigures>.Ok(basis.Value!.Figures) : basis.Problem!;
        }

        var analysis = await AnalyzeAsync();
        return analysis.IsOk ? Outcome<ClaimFigures>.Ok(FiguresOf(analysis.Value!)) : analysis.Problem!;
    }

    /// <summary>The figures a claim is checked against, read off one analysis.</summary>
    private static ClaimFigures FiguresOf(ProductAnalysis a)
        => new(
            a.Footprint?.TotalKgCo2e, a.FootprintProblem, a.Traceability.CertifiedShare, a.Traceability.RecycledShare, a.Traceability.TraceableToOriginShare,
            a.Dataset.ToString(), a.Footprint?.CalculatorVersion ?? Footprints.FootprintCalculator.Version, (a.FootprintLineage ?? a.TraceabilityLineage).RootSha256,
            a.Footprint?.DeclaredUnit, a.ProductName);

    /// <summary>The latest check: a re-check held in memory, else the latest recorded one.</summary>
    private ClaimCheck? Latest()
    {
        var s = _journal.State;
        return _observed ?? (s.LastEvaluation is { } e ? new ClaimCheck(e, s.LastFigures, s.LastCheckedAt) : null);
    }

    private ClaimView View()
    {
        var s = _journal.State;
        var latest = Latest();
        var current = ClaimStatusWording.Describe(s.Draft!, s.Status, latest, s.PublishedFigures, s.WithdrawnReason);
        var name = latest?.Figures?.ProductName ?? s.PublishedFigures?.ProductName;
        return new ClaimView(Id, s.Draft!, s.Status, current, name, s.PublishedFigures, s.Steps.ToList(), s.Owner, s.Version, s.ProofSha256);
    }

    /// <summary>The list row of the current view and one audit record per step, in one batch.</summary>
    private Task FollowUpsAsync(IReadOnlyList<JournalEntry<ClaimEvent>> changes)
        => tables.WriteAtomicAsync([
            JsonIndex.PutWrite(index, "claims", "all", Id, View()),
            .. changes.Select(c => (Entry: c, Audited: Audited(c.Event))).Where(a => a.Audited is not null).Select(a => _journal.AuditWrite(audit, a.Entry, new AuditRecord(a.Entry.Event.At, a.Entry.Event.Actor, a.Audited!.Value.Action, "claim:" + Id, a.Audited.Value.Status.ToString()))),
        ]);

    /// <summary>The audit action of a step and the status it left; none for the check a refused publication records.</summary>
    private static (string Action, ClaimStatus Status)? Audited(ClaimEvent e) => e switch
    {
        ClaimDrafted => ("claim.drafted", ClaimStatus.Draft),
        ClaimChecked { Actor: Platform } => null,
        ClaimChecked c => c.Evaluation.Holds ? ("claim.verified", ClaimStatus.Verified) : ("claim.verification-failed", ClaimStatus.Draft),
        ClaimApproved => ("claim.approved", ClaimStatus.Approved),
        ClaimPublished => ("claim.published", ClaimStatus.Published),
        ClaimStatusChanged { Status: ClaimStatus.Expired } => ("claim.expired", ClaimStatus.Expired),
        ClaimStatusChanged { Status: ClaimStatus.AtRisk } => ("claim.at-risk", ClaimStatus.AtRisk),
        ClaimStatusChanged changed => ("claim.holds-again", changed.Status),
        ClaimWithdrawn => ("claim.withdrawn", ClaimStatus.Withdrawn),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown claim event."),
    };
}
