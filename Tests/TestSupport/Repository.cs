namespace AccountPlanXrm.TestSupport;

/// <summary>The repository the tests run in: found above the test output folder by its AccountPlanXrm.sln.</summary>
public static class Repository
{
    /// <summary>The repository root, or null when the tests run outside a checkout.</summary>
    public static string? FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AccountPlanXrm.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }

    /// <summary>The repository root; the tests that need it fail with a clear message outside a checkout.</summary>
    public static string Root => FindRoot() ?? throw new InvalidOperationException("AccountPlanXrm.sln not found above " + AppContext.BaseDirectory);

    /// <summary>A path below the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// The unpacked solution the scenarios boot from: APX_TEST_SOLUTION when set (to run the suites against another
    /// copy of the solution), else the repository's Solution/src.
    /// </summary>
    public static string SolutionSource =>
        Environment.GetEnvironmentVariable("APX_TEST_SOLUTION") is { Length: > 0 } folder ? folder : PathOf("Solution", "src");

    /// <summary>The repository's Solution/src when it is present (with its Other/Solution.xml), else null.</summary>
    public static string? FindSolutionSource()
    {
        var root = FindRoot();
        var source = root is null ? null : Path.Combine(root, "Solution", "src");
        return source is not null && File.Exists(Path.Combine(source, "Other", "Solution.xml")) ? source : null;
    }
}
