using System.Globalization;
using System.Text;
using EsgTrace.Domain;
using EsgTrace.GreenIt;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's and API's door to the green-IT grains: workloads, usage imports, actions, target, dashboard, report.</summary>
public sealed class GreenItService(IGrainFactory grains)
{
    /// <summary>Largest usage or billing file accepted in one request (about 13 million rows of a typical export); it is streamed, never held whole.</summary>
    public const long MaxImportBytes = 1024L * 1024 * 1024;

    /// <summary>How long an import request waits for the rows to be applied before answering 202 with the job to poll.</summary>
    public static readonly TimeSpan ImportWait = TimeSpan.FromSeconds(10);

    private IGreenItSettingsGrain Settings => grains.GetGrain<IGreenItSettingsGrain>("default");

    private IBillingRulesGrain BillingRules => grains.GetGrain<IBillingRulesGrain>("default");

    public Task<Outcome<WorkloadView>> DefineWorkloadAsync(string id, WorkloadDefinition definition, string actor)
        => Validation.IsId(id) ? grains.GetGrain<IWorkloadGrain>(id).Define(Normalise(definition), actor) : Task.FromResult<Outcome<WorkloadView>>(DomainProblem.Invalid("id", IdRule));

    public Task<WorkloadView?> GetWorkloadAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IWorkloadGrain>(id).Get() : Task.FromResult<WorkloadView?>(null);

    public Task<EsgTrace.Domain.Page<WorkloadView>> ListWorkloadsAsync(string? after, int pageSize)
        => grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<WorkloadView>(GreenItIndexes.Workloads, GreenItIndexes.All, after, pageSize);

    public Task<Outcome<IReadOnlyList<UsageEmissions>>> WorkloadEmissionsAsync(string id) => grains.GetGrain<IGreenItAnalysisGrain>(0).WorkloadEmissions(id);

    /// <summary>Imports usage CSV held in memory (rows sent as JSON), through the same streaming path as a file.</summary>
    public Task<Outcome<UsageImportStatus>> ImportUsageAsync(byte[] csv, string actor, TimeSpan wait, CancellationToken cancellationToken = default)
        => ImportAsync(new MemoryStream(csv, writable: false), UsageImportFormats.UsageCsv, actor, wait, cancellationToken);

    /// <summary>
    /// Streams the file into a staged blob (1 MiB chunks through <see cref="IBlobUploadGrain"/>) while checking every row as it
    /// passes, so a file with any bad row is refused before anything is stored (the staged upload is aborted). A good file
    /// becomes an import keyed by its SHA-256 (for a billing export, with the rules version: new rules map the same file
    /// anew); waits up to <paramref name="wait"/> for the rows to be applied and reports where the import stands.
    /// </summary>
    public async Task<Outcome<UsageImportStatus>> ImportAsync(Stream body, string format, string actor, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        BillingRuleSet? rules = null;
        if (format == UsageImportFormats.Focus)
        {
            rules = await BillingRules.Current();
            if (rules is null)
            {
                return new DomainProblem(ProblemKind.Conflict, "No mapping rules.", "Define the billing mapping rules (PUT /api/green-it/billing-rules) before importing a FOCUS export: lines are mapped to workloads by them, never guessed.");
            }
        }

        IUsageSource source = rules is null ? UsageCsvSource.Instance : new FocusBillingSource(rules);
        var uploadId = Guid.NewGuid().ToString("N");
        var upload = grains.GetGrain<IBlobUploadGrain>(uploadId);
        await upload.Begin(UsageImportFiles.Container, "uploads/" + uploadId, "text/csv");
        var pipe = new System.IO.Pipelines.Pipe();
        var checking = Task.Run(() => UsageImportChecker.Check(pipe.Reader.AsStream(), source), cancellationToken);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        long total = 0;
        var buffer = new byte[IBlobUploadGrain.MaxChunkBytes];
        try
        {
            while (true)
            {
                var filled = 0;
                int read;
                while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
                {
                    filled += read;
                }

                if (filled == 0)
                {
                    break;
                }

                total += filled;
                if (total > MaxImportBytes)
                {
                    throw new InvalidDataException($"The file is larger than {MaxImportBytes:N0} bytes. Split it by period.");
                }

                var chunk = buffer.AsSpan(0, filled).ToArray();
                hash.AppendData(chunk);
                await upload.Append(chunk);
                await pipe.Writer.WriteAsync(chunk, cancellationToken);
            }

            await pipe.Writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            await pipe.Writer.CompleteAsync(ex);
            await upload.Abort();
            if (ex is InvalidDataException)
            {
                return DomainProblem.Invalid("file", ex.Message);
            }

            throw;
        }

        var check = await checking;
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        var id = rules is null ? sha : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{sha}|focus|rules-v{rules.Version}")));
        if (total == 0 || !check.IsValid)
        {
            await upload.Abort();
            if (total == 0)
            {
                return DomainProblem.Invalid("file", "The file is empty; send CSV with a header row.");
            }

            return Outcome<UsageImportStatus>.Ok(new UsageImportStatus(id, UsageImportPhase.Rejected, check.Rows, 0, check.Workloads, check.ErrorCount, check.Errors, actor, null, null,
                format, rules?.Version, check.UnmappedRows, check.Unmapped));
        }

        var staged = await upload.Complete();
        var import = grains.GetGrain<IUsageImportGrain>(id);
        var status = rules is null ? await import.Start(staged.Name, actor) : await import.StartBilling(staged.Name, rules, actor);
        var deadline = DateTime.UtcNow + wait;
        while (status.Phase == UsageImportPhase.Applying && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
            status = await import.Status() ?? status;
        }

        return Outcome<UsageImportStatus>.Ok(status);
    }

    public async Task<Outcome<string>> ImportGridDatasetAsync(string id, string version, string? title, string source, string? licence, TextReader csv, string actor)
    {
        var (dataset, errors) = YearlyGridDataset.ParseCsv(id, version, title ?? string.Empty, source, licence ?? "stated by the importer", csv);
        return dataset is null
            ? DomainProblem.Invalid(new Dictionary<string, string[]> { ["file"] = [.. errors.Take(200)] })
            : await grains.GetGrain<IGridDatasetsGrain>("default").Import(dataset, actor);
    }

    public Task<IReadOnlyList<string>> GridDatasetsAsync() => grains.GetGrain<IGridDatasetsGrain>("default").List();

    public Task<YearlyGridDataset?> GridDatasetAsync(string reference) => grains.GetGrain<IGridDatasetsGrain>("default").Get(reference);

    public async Task<Outcome<int>> ImportProviderEmissionsAsync(string provider, TextReader csv, string actor)
    {
        var (records, errors) = ProviderEmissionsCsv.Read(provider, csv);
        return errors.Count > 0
            ? DomainProblem.Invalid(new Dictionary<string, string[]> { ["file"] = [.. errors.Take(200).Select(e => $"Line {e.Line}, {e.Column}: {e.Message}")] })
            : await grains.GetGrain<IProviderEmissionsGrain>("default").Import(provider, records, actor);
    }

    public Task<Outcome<IReadOnlyList<ProviderEmissionComparison>>> CompareProviderEmissionsAsync(LocalDate from, LocalDate to, string? grid)
        => grains.GetGrain<IProviderEmissionsGrain>("default").Compare(from, to, grid);

    public Task<Outcome<IReadOnlyList<UsageEmissions>>> WorkloadEmissionsAsync(string id, string? grid) => grains.GetGrain<IGreenItAnalysisGrain>(0).WorkloadEmissions(id, grid);

    public Task<Outcome<BillingRuleSet>> SetBillingRulesAsync(IReadOnlyList<BillingRule>? rules, string actor) => BillingRules.Set(rules ?? [], actor);

    public Task<BillingRuleSet?> BillingRulesAsync(int? version) => version is { } v ? BillingRules.Version(v) : BillingRules.Current();

    public Task<UsageImportStatus?> ImportStatusAsync(string id)
        => id.Length == 64 && id.All(char.IsAsciiHexDigitLower) ? grains.GetGrain<IUsageImportGrain>(id).Status() : Task.FromResult<UsageImportStatus?>(null);

    public Task<Outcome<GreenItActionView>> RecordActionAsync(string id, GreenItAction action, string actor)
        => Validation.IsId(id)
            ? grains.GetGrain<IGreenItActionGrain>(id).Record(action with { WorkloadIds = action.WorkloadIds ?? [] }, actor)
            : Task.FromResult<Outcome<GreenItActionView>>(DomainProblem.Invalid("id", IdRule));

    public Task<EsgTrace.Domain.Page<GreenItActionView>> ListActionsAsync(string? after, int pageSize)
        => grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<GreenItActionView>(GreenItIndexes.Actions, GreenItIndexes.All, after, pageSize);

    public Task<Outcome<GreenItTarget>> SetTargetAsync(GreenItTarget target, string actor) => Settings.SetTarget(target, actor);

    public Task<GreenItTarget?> TargetAsync() => Settings.Target();

    public Task<IReadOnlyList<string>> HourlyDatasetsAsync() => Settings.HourlyDatasets();

    public async Task<Outcome<string>> ImportHourlyAsync(string id, string version, string? title, string source, string? licence, string csv, string actor)
    {
        var (dataset, errors) = HourlyIntensityDataset.ParseCsv(id, version, title ?? string.Empty, source, licence ?? "stated by the importer", new StringReader(csv));
        return dataset is null
            ? DomainProblem.Invalid(new Dictionary<string, string[]> { ["file"] = [.. errors.Take(200)] })
            : await Settings.ImportHourly(dataset, actor);
    }

    public Task<Outcome<GreenItDashboard>> DashboardAsync(LocalDate from, LocalDate to, string? dataset) => grains.GetGrain<IGreenItAnalysisGrain>(0).Dashboard(from, to, dataset);

    public Task<Outcome<CarbonAdvice>> AdviceAsync(string workloadId, LocalDate from, LocalDate to, string? dataset) => grains.GetGrain<IGreenItAnalysisGrain>(0).Advice(workloadId, from, to, dataset);

    public Task<Outcome<byte[]>> ReportAsync(LocalDate from, LocalDate to, string? dataset) => grains.GetGrain<IGreenItAnalysisGrain>(0).Report(from, to, dataset);

    /// <summary>Usage rows sent as JSON are written as CSV, so both doors share one parser and one set of checks.</summary>
    public static byte[] ToCsv(IReadOnlyList<UsageInput> rows)
    {
        var csv = new StringBuilder("workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,measured_kwh,functional_units,gpu_hours,gpu_utilisation_percent\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', Cell(r.WorkloadId), Cell(r.PeriodStart), Cell(r.PeriodEnd), Cell(r.Provider), Cell(r.Region), N(r.VcpuHours), N(r.CpuUtilisationPercent),
                N(r.MemoryGbHours), N(r.SsdTbHours), N(r.HddTbHours), N(r.NetworkGb), N(r.ReplicationFactor), N(r.MeasuredKwh), N(r.FunctionalUnits),
                N(r.GpuHours), N(r.GpuUtilisationPercent)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());

        static string N(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        static string Cell(string? value) => value is null ? string.Empty : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Parses yyyy-MM-dd period bounds; defaults to the twelve months up to today.</summary>
    public static (LocalDate From, LocalDate To)? Period(string? from, string? to, LocalDate today)
    {
        var f = from is null ? today.PlusYears(-1).PlusDays(1) : NodaTime.Text.LocalDatePattern.Iso.Parse(from) is { Success: true } pf ? pf.Value : (LocalDate?)null;
        var t = to is null ? today : NodaTime.Text.LocalDatePattern.Iso.Parse(to) is { Success: true } pt ? pt.Value : (LocalDate?)null;
        return f is { } a && t is { } b ? (a, b) : null;
    }

    private const string IdRule = "An id is 1-100 characters: letters, digits, '.', '-', '_' or ':'.";

    private static WorkloadDefinition Normalise(WorkloadDefinition d) => d with { Provider = (d.Provider ?? string.Empty).Trim().ToLowerInvariant(), AllowedRegions = d.AllowedRegions ?? [] };
}

/// <summary>One usage row sent as JSON (same fields as the CSV columns).</summary>
public sealed record UsageInput(
    string? WorkloadId, string? PeriodStart, string? PeriodEnd, string? Provider, string? Region,
    decimal? VcpuHours, decimal? CpuUtilisationPercent, decimal? MemoryGbHours, decimal? SsdTbHours, decimal? HddTbHours, decimal? NetworkGb,
    decimal? ReplicationFactor = null, decimal? MeasuredKwh = null, decimal? FunctionalUnits = null, decimal? GpuHours = null, decimal? GpuUtilisationPercent = null);

/// <summary>Body of POST /api/green-it/usage as JSON.</summary>
public sealed record UsageImportRequest(IReadOnlyList<UsageInput>? Rows);
