using System.Text.RegularExpressions;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Architecture.Tests;

/// <summary>The README a newcomer follows: every file it names exists, and every API call says which role's key it needs.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

    [Fact]
    public void Every_file_the_readme_names_exists()
    {
        var named = UploadedFile().Matches(Readme).Select(m => m.Groups[1].Value)
            .Concat(RelativeLink().Matches(Readme).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(named);
        var missing = named.Where(p => !File.Exists(Path.Combine(RepositoryRoot.Path, p)) && !Directory.Exists(Path.Combine(RepositoryRoot.Path, p))).ToList();
        Assert.True(missing.Count == 0, "README.md names files that are not in the repository: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_api_key_call_in_the_readme_names_its_role()
    {
        var calls = Readme.Split('\n').Where(l => l.TrimStart().StartsWith("curl -H \"X-Api-Key", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(calls);
        var unnamed = calls.Where(l => !RoleComment().IsMatch(l) && !l.TrimEnd().EndsWith('\\')).ToList();
        Assert.True(unnamed.Count == 0, "These README calls do not say which role's key they need (end the line with '# <role>'):\n" + string.Join('\n', unnamed));
    }

    [GeneratedRegex(@"--data-binary @([\w./-]+)")]
    private static partial Regex UploadedFile();

    [GeneratedRegex(@"\]\((?!https?:|#)([\w./-]+)\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"#\s*(figures|supply-chain|marketing|it|auditor|admin)\s*$")]
    private static partial Regex RoleComment();
}
