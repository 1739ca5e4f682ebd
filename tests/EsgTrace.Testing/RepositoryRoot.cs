namespace EsgTrace.Testing;

/// <summary>Finds the repository root (the folder holding EsgTrace.sln) from wherever the tests run.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EsgTrace.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"EsgTrace.sln was not found above {AppContext.BaseDirectory}.");
    }
}
