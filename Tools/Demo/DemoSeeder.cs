using AccountPlanXrm.Tools.Demo.Seeding;
using Microsoft.Crm.Sdk.Messages;

namespace AccountPlanXrm.Tools.Demo;

/// <summary>
/// Seeds a realistic sales organization through <see cref="IOrganizationService"/> only: two currencies (EUR base,
/// USD), two sales business units with sellers, a steering committee team with members, the plan templates, an
/// account hierarchy (groups, companies, subsidiaries) with contacts, and opportunities over two years, closed the
/// way a user closes them (WinOpportunity / LoseOpportunity). Bulk rows go in ExecuteMultiple batches of 1,000.
/// Everything derives from the seed: same seed, same data, same ids.
/// </summary>
public sealed class DemoSeeder
{
    public const int BatchSize = 1000;

    private readonly SeedSession _seed;

    public DemoSeeder(IOrganizationService service, DemoOptions options, DemoIds ids, ProgressLine progress)
    {
        _seed = new SeedSession(service, options, ids, progress);
    }

    public DemoWorld Seed()
    {
        var world = new DemoWorld();
        var who = (WhoAmIResponse)_seed.Service.Execute(new WhoAmIRequest());
        world.AdminUserId = who.UserId;
        world.RootBusinessUnitId = who.BusinessUnitId;

        _seed.Progress.Start("Organization (currencies, business units, users, steering committee)");
        new OrganizationSeeder(_seed).Seed(world);
        _seed.Progress.Done(2 + world.BusinessUnits.Count + world.Sellers.Count + world.Committee.Count + 1, "records", showRate: false);

        _seed.Progress.Start("Plan templates (upsert by apx_name)");
        world.Templates.AddRange(SeedLoader.LoadFolder(_seed.Service, _seed.Options.SeedFolder));
        _seed.Progress.Done(world.Templates.Count, "templates", showRate: false);

        new AccountSeeder(_seed).Seed(world);
        new OpportunitySeeder(_seed).Seed(world);
        world.SeedRequests = _seed.Requests;
        return world;
    }
}
