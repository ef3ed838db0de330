namespace AccountPlanXrm.Tools.Demo;

/// <summary>The settings of one demo run (validated command-line options).</summary>
public sealed record DemoOptions
{
    public const int DefaultAccounts = 240;
    public const int DefaultOpportunities = 6000;
    public const int MinAccounts = 20;
    public const int MaxAccounts = 200_000;
    public const int MinOpportunities = 100;
    public const int MaxOpportunities = 2_000_000;

    /// <summary>The demo's fixed "today" (UTC): every plugin and system column sees this clock.</summary>
    public static readonly DateTime DefaultClock = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    public int Seed { get; init; } = 1;

    public int Accounts { get; init; } = DefaultAccounts;

    public int Opportunities { get; init; } = DefaultOpportunities;

    public DateTime Clock { get; init; } = DefaultClock;

    /// <summary>Full path of the Markdown report.</summary>
    public string ReportPath { get; init; } = "";

    /// <summary>Full path of the unpacked solution the emulator boots from.</summary>
    public string SolutionFolder { get; init; } = "";

    /// <summary>Full path of the seed data folder (plan templates).</summary>
    public string SeedFolder { get; init; } = "";

    /// <summary>Parses a whole number option within bounds; a bad value is a usage error (exit code 2).</summary>
    public static int ParseInt(ParsedArguments args, string name, int fallback, int min, int max)
    {
        var text = args.Value(name);
        if (text is null)
        {
            return fallback;
        }

        var normalized = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!int.TryParse(normalized, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"option '--{name}' needs a whole number, got '{text}'");
        }

        if (value < min || value > max)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"option '--{name}' must be between {min:#,##0} and {max:#,##0}, got {value:#,##0}"));
        }

        return value;
    }
}
