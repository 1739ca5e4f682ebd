using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace EsgTrace.Portal.Tests.Claims;

/// <summary>Submits the public page's "Is your copy genuine?" form as a browser does: GET for the anti-forgery token and cookie, then a multipart POST.</summary>
public static partial class VerifyPage
{
    /// <param name="client">A client that keeps cookies (the anti-forgery cookie from the GET must go with the POST).</param>
    /// <param name="fileName">"" is what a browser sends when no file was chosen.</param>
    public static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string path, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync(path);
        var token = Token().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("The page has no anti-forgery token:\n" + page);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.Length == 0 ? "application/octet-stream" : "application/pdf");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"proof\"", FileName = $"\"{fileName}\"" };
        using var form = new MultipartFormDataContent
        {
            { new StringContent("check-proof"), "_handler" },
            { new StringContent(System.Net.WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            file,
        };
        return await client.PostAsync(path, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
