using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace EsgTrace.Reports.Signing;

/// <summary>
/// Asks a time-stamping authority over HTTP (RFC 3161 section 3.4: POST application/timestamp-query). The reply is
/// accepted only when its status grants a token, the token stamps exactly this signature (imprint and nonce), and the
/// token's own signature verifies with a certificate allowed to time-stamp.
/// </summary>
public sealed class HttpTimestampAuthority(HttpClient http, Uri address) : ITimestampAuthority
{
    public Uri Address => address;

    public async Task<Rfc3161TimestampToken> StampAsync(SignerInfo signer, CancellationToken cancellationToken = default)
    {
        var nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] = (byte)((nonce[0] & 0x7F) | 0x01); // a positive integer with no leading zero byte
        var request = Rfc3161TimestampRequest.CreateFromSignerInfo(signer, HashAlgorithmName.SHA256, requestSignerCertificates: true, nonce: nonce);
        var reply = await PostAsync(request.Encode(), cancellationToken);
        Rfc3161TimestampToken token;
        try
        {
            token = request.ProcessResponse(reply, out _);
        }
        catch (CryptographicException ex)
        {
            throw new TimestampAuthorityException(address, "its reply was refused (" + ex.Message + ")", ex);
        }

        if (!token.VerifySignatureForSignerInfo(signer, out _))
        {
            throw new TimestampAuthorityException(address, "its token does not verify: a bad signature, or a certificate that is missing or not for time-stamping.");
        }

        return token;
    }

    private async Task<byte[]> PostAsync(byte[] query, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(query);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var response = await http.PostAsync(address, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new TimestampAuthorityException(address, $"it answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new TimestampAuthorityException(address, "it could not be reached (" + ex.Message + ").", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimestampAuthorityException(address, $"it did not answer within {http.Timeout.TotalSeconds:0} s.", ex);
        }
    }
}
