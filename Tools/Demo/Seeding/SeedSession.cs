namespace AccountPlanXrm.Tools.Demo.Seeding;

/// <summary>
/// What the seeding jobs share: the administrator's service, the options, the ids and the one random sequence (so the
/// same seed gives the same data whatever job draws next), the progress line and the count of requests sent.
/// </summary>
public sealed class SeedSession(IOrganizationService service, DemoOptions options, DemoIds ids, ProgressLine progress)
{
    public static readonly string[] FirstNames = ["Anna", "Lukas", "Mia", "Jonas", "Lea", "Felix", "Sophie", "Paul", "Emma", "Leon", "Clara", "Noah", "Laura", "Elias", "Hannah", "Ben"];

    public static readonly string[] LastNames = ["Müller", "Schmidt", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange"];

    public IOrganizationService Service { get; } = service;

    public DemoOptions Options { get; } = options;

    public DemoIds Ids { get; } = ids;

    public ProgressLine Progress { get; } = progress;

    public Random Random { get; } = new(options.Seed);

    /// <summary>Requests sent so far (single requests and ExecuteMultiple batches).</summary>
    public long Requests { get; set; }

    public void Create(Entity entity)
    {
        Service.Create(entity);
        Requests++;
    }

    /// <summary>A standard normal number (Box-Muller) from the shared random sequence.</summary>
    public double Normal()
    {
        var u1 = 1.0 - Random.NextDouble();
        var u2 = Random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static string RemoveUmlauts(string text) =>
        text.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);
}
