using EsgTrace.Reports.Signing;
using EsgTrace.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EsgTrace.Hosting;

/// <summary>Registers the document signer: the certificate from <see cref="SigningOptions"/> and, when configured, the timestamp authority.</summary>
public static class SigningServiceCollectionExtensions
{
    public static IServiceCollection AddEsgTraceSigning(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.AddOptions<SigningOptions>()
            .Bind(configuration.GetSection(SigningOptions.Section))
            .Validate(o => !o.Problems().Any(), "The Signing section is invalid: Signing:TimestampUrl must be an absolute http(s) URL, Signing:TimestampTimeoutSeconds 1-600.")
            .ValidateOnStart();
        services.TryAddSingleton<ISigningCertificate>(sp => new FileSigningCertificate(sp.GetRequiredService<IOptions<SigningOptions>>().Value, dataDirectory));
        services.TryAddSingleton<IDocumentSigner>(sp =>
        {
            // Reading Value runs the validation, so a bad URL fails here too where no host validated at start.
            var options = sp.GetRequiredService<IOptions<SigningOptions>>().Value;

            // One long-lived client: the authority is one host, and connections are worth keeping between signatures.
            var timestamps = string.IsNullOrWhiteSpace(options.TimestampUrl)
                ? null
                : new HttpTimestampAuthority(new HttpClient { Timeout = TimeSpan.FromSeconds(options.TimestampTimeoutSeconds) }, new Uri(options.TimestampUrl));
            return new DocumentSigner(sp.GetRequiredService<ISigningCertificate>(), timestamps);
        });
        return services;
    }
}
