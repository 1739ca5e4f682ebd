using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace EsgTrace.Hosting.Telemetry;

/// <summary>Where traces, metrics and logs are exported ("OpenTelemetry" section, or the standard OTEL_* variables).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>The standard variable the OpenTelemetry SDK reads; honoured when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>An OTLP collector's base address (e.g. http://otel-collector:4317); null: no OTLP export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>grpc</c> (default, port 4317) or <c>http/protobuf</c> (port 4318); used with <see cref="OtlpEndpoint"/>.</summary>
    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>The standard variables configure the exporter themselves (endpoint, protocol, headers).</summary>
    public bool UseStandardVariables { get; init; }

    public bool ExportsOtlp => OtlpEndpoint is not null || UseStandardVariables;

    public static TelemetryOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var endpoint = section["OtlpEndpoint"];
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"{Section}:OtlpEndpoint '{endpoint}' is not an absolute http(s) URL, e.g. http://otel-collector:4317.");
        }

        var protocol = section["OtlpProtocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{Section}:OtlpProtocol '{other}' is unknown; use grpc or http/protobuf."),
        };
        return new TelemetryOptions
        {
            OtlpEndpoint = uri,
            OtlpProtocol = protocol,
            UseStandardVariables = uri is null && !string.IsNullOrWhiteSpace(configuration[StandardEndpointVariable]),
        };
    }
}
