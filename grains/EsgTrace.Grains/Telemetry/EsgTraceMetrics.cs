using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EsgTrace.Telemetry;

/// <summary>
/// EsgTrace's own instruments, on the meter <see cref="MeterName"/>: durable writes to the table store, EPCIS captures,
/// usage imports and claim checks. One instance per host (created by the host's <see cref="IMeterFactory"/>), so tests
/// can tell one host's figures from another's.
/// </summary>
public sealed class EsgTraceMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry <c>AddMeter</c>, dotnet-counters).</summary>
    public const string MeterName = "EsgTrace";

    // Seconds, from a millisecond to a minute: SQLite group commits take about a millisecond, Azure writes tens, captures seconds.
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _writes;
    private readonly Counter<long> _rowsWritten;
    private readonly Histogram<double> _writeDuration;
    private readonly Counter<long> _captures;
    private readonly Counter<long> _capturedEvents;
    private readonly Histogram<double> _captureDuration;
    private readonly Counter<long> _imports;
    private readonly Counter<long> _importedRows;
    private readonly Histogram<double> _importDuration;
    private readonly Counter<long> _claimChecks;
    private readonly Histogram<double> _claimCheckDuration;

    public EsgTraceMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets };
        _writes = meter.CreateCounter<long>("esgtrace.storage.writes", "{write}", "Durable writes to the table store (one call: a row, a batch or an atomic batch), by operation and outcome.");
        _rowsWritten = meter.CreateCounter<long>("esgtrace.storage.rows_written", "{row}", "Rows in the durable writes that succeeded.");
        _writeDuration = meter.CreateHistogram("esgtrace.storage.write.duration", "s", "How long a durable write took until the store confirmed it (or failed).", advice: seconds);
        _captures = meter.CreateCounter<long>("esgtrace.epcis.captures", "{capture}", "EPCIS captures finished, by outcome (stored, refused, failed).");
        _capturedEvents = meter.CreateCounter<long>("esgtrace.epcis.events_stored", "{event}", "EPCIS events stored by captures (duplicates not counted).");
        _captureDuration = meter.CreateHistogram("esgtrace.epcis.capture.duration", "s", "How long a capture took from its start (or resumption) to its end.", advice: seconds);
        _imports = meter.CreateCounter<long>("esgtrace.greenit.usage_imports", "{import}", "Usage imports finished applying, by outcome (applied, failed).");
        _importedRows = meter.CreateCounter<long>("esgtrace.greenit.usage_rows_applied", "{row}", "Usage rows applied to workloads by imports.");
        _importDuration = meter.CreateHistogram("esgtrace.greenit.usage_import.duration", "s", "How long applying a usage import took.", advice: seconds);
        _claimChecks = meter.CreateCounter<long>("esgtrace.claims.checks", "{check}", "Re-checks of live claims against their data, by result (holds, at-risk, expired, no-figures).");
        _claimCheckDuration = meter.CreateHistogram("esgtrace.claims.check.duration", "s", "How long a claim re-check took.", advice: seconds);
    }

    /// <summary>A table-store write finished: <paramref name="operation"/> is insert, replace, upsert, delete, insert-batch, upsert-batch or atomic; <paramref name="outcome"/> ok, conflict, unavailable, limit, cancelled or error.</summary>
    public void DurableWrite(string backend, string operation, string outcome, int rows, TimeSpan elapsed)
    {
        var tags = new TagList { { "backend", backend }, { "operation", operation }, { "outcome", outcome } };
        _writes.Add(1, tags);
        _writeDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome == "ok")
        {
            _rowsWritten.Add(rows, new TagList { { "backend", backend }, { "operation", operation } });
        }
    }

    /// <summary>A capture finished (<paramref name="outcome"/>: stored, refused or failed) having stored <paramref name="stored"/> events.</summary>
    public void CaptureFinished(string outcome, int stored, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome } };
        _captures.Add(1, tags);
        _captureDuration.Record(elapsed.TotalSeconds, tags);
        if (stored > 0)
        {
            _capturedEvents.Add(stored);
        }
    }

    /// <summary>A usage import finished applying (<paramref name="outcome"/>: applied or failed) after <paramref name="rows"/> rows.</summary>
    public void UsageImportFinished(string outcome, long rows, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome } };
        _imports.Add(1, tags);
        _importDuration.Record(elapsed.TotalSeconds, tags);
        if (rows > 0)
        {
            _importedRows.Add(rows);
        }
    }

    /// <summary>A live claim was re-checked (<paramref name="result"/>: holds, at-risk, expired or no-figures).</summary>
    public void ClaimChecked(string result, TimeSpan elapsed)
    {
        var tags = new TagList { { "result", result } };
        _claimChecks.Add(1, tags);
        _claimCheckDuration.Record(elapsed.TotalSeconds, tags);
    }
}
