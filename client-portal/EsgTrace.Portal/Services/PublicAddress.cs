using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EsgTrace.Portal.Services;

/// <summary>
/// Where the public reaches this portal: <see cref="ProofsOptions.PublicBaseUrl"/>, else the first address the server
/// really listens on (its <see cref="IServerAddressesFeature"/>, so a port chosen at start-up is the one printed).
/// A wildcard host (0.0.0.0, [::], *, +) is not an address anyone can open, so it reads as localhost.
/// </summary>
public sealed partial class PublicAddress(IOptions<ProofsOptions> options, IServer server, ILogger<PublicAddress> logger)
{
    private int _logged;

    /// <summary>The public base URL; read when needed (not at construction), because the server knows its ports only once it has started.</summary>
    /// <exception cref="InvalidOperationException">Nothing is configured and the server listens on no address yet.</exception>
    public Uri BaseUrl => options.Value.PublicBaseUrl is { Length: > 0 } configured ? new Uri(configured) : FromServer();

    private Uri FromServer()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listening = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException($"The portal does not listen on any address yet; set {ProofsOptions.Section}:{nameof(ProofsOptions.PublicBaseUrl)}.");
        var builder = new UriBuilder(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "localhost";
        }

        var uri = builder.Uri;
        if (Interlocked.Exchange(ref _logged, 1) == 0)
        {
            LogFromServer(logger, uri, ProofsOptions.Section);
        }

        return uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Proofs point to {Address} (the address the portal listens on); set {Section}:PublicBaseUrl to the public address in production.")]
    private static partial void LogFromServer(ILogger logger, Uri address, string section);
}
