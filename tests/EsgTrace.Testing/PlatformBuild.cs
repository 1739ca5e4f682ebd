namespace EsgTrace.Testing;

/// <summary>
/// The built standalone silo and portal, for tests and benchmarks that run them as real processes (to kill them with
/// SIGKILL). They are built in the same configuration as this assembly; a project that uses them references both with
/// ReferenceOutputAssembly=false, so building it builds them.
/// </summary>
public static class PlatformBuild
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string SiloDll => Find(Path.Combine("silo", "EsgTrace.Silo"), "EsgTrace.Silo.dll");

    public static string PortalDll => Find(Path.Combine("client-portal", "EsgTrace.Portal"), "EsgTrace.Portal.dll");

    private static string Find(string project, string dll)
    {
        var path = Path.Combine(RepositoryRoot.Path, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build it first (`dotnet build -c {Configuration} {project}`), or reference the project from the test project with ReferenceOutputAssembly=false.");
    }
}
