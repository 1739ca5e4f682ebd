using System.Collections.Frozen;

namespace EsgTrace.Accounts;

/// <summary>
/// The shipped list of passwords people are known to pick (Data/common-passwords.txt, provenance beside it). A password is
/// common when, lowercased, it is on the list, or is a listed one with only digits and symbols around it
/// ("Password1234!", "!!dragon2024!!"): length alone does not make "password1234" hard to guess.
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool IsCommon(string password)
    {
        var lowered = password.Trim().ToLowerInvariant();
        return List.Value.Contains(lowered) || (Core(lowered) is { Length: >= 4 } core && List.Value.Contains(core));
    }

    // The password without the run of digits and symbols at either end.
    private static string Core(string password) => password.Trim(Decoration);

    private static readonly char[] Decoration = "0123456789!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~ ".ToCharArray();

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("EsgTrace.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
