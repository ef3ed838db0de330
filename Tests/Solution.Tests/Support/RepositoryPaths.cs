namespace AccountPlanXrm.Solution.Tests.Support;

/// <summary>Paths of the repository the tests run in (found above the test output folder).</summary>
public static class RepositoryPaths
{
    public static string? Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AccountPlanXrm.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }

    public static string? SolutionSource()
    {
        var root = Root();
        var source = root is null ? null : Path.Combine(root, "Solution", "src");
        return source is not null && File.Exists(Path.Combine(source, "Other", "Solution.xml")) ? source : null;
    }
}
