namespace AccountPlanXrm.Tools.Demo;

/// <summary>A user of the demo organization.</summary>
public sealed record DemoUser(Guid Id, string Name, string Title, Guid BusinessUnitId, string BusinessUnit);

/// <summary>A seeded account (level 1 = group, 2 = company, 3 = subsidiary).</summary>
public sealed record DemoAccount(Guid Id, string Name, Guid? ParentId, Guid OwnerId, int Level, string Industry, string Stem);

/// <summary>Everything the seeding created that the story refers to.</summary>
public sealed class DemoWorld
{
    public Guid AdminUserId { get; set; }

    public Guid RootBusinessUnitId { get; set; }

    public Guid EuroId { get; set; }

    public Guid DollarId { get; set; }

    public decimal DollarRate { get; set; }

    public List<(Guid Id, string Name)> BusinessUnits { get; } = [];

    public List<DemoUser> Sellers { get; } = [];

    public List<DemoUser> Committee { get; } = [];

    public Guid SteeringCommitteeId { get; set; }

    public string SteeringCommitteeName { get; set; } = "";

    public List<DemoAccount> Accounts { get; } = [];

    public Dictionary<Guid, DemoAccount> AccountsById { get; } = [];

    public Dictionary<Guid, List<Guid>> ContactsByAccount { get; } = [];

    public List<SeedResult> Templates { get; } = [];

    public int Contacts { get; set; }

    public int Opportunities { get; set; }

    public int OpportunitiesUsd { get; set; }

    public int Won { get; set; }

    public int Lost { get; set; }

    public int Open => Opportunities - Won - Lost;

    /// <summary>Requests sent while seeding (creates, closes, associations).</summary>
    public long SeedRequests { get; set; }

    public IEnumerable<DemoUser> Users => Sellers.Concat(Committee);

    public DemoUser User(Guid id) => Users.First(u => u.Id == id);

    public string UserName(Guid? id) => id is { } value && Users.FirstOrDefault(u => u.Id == value) is { } user ? user.Name : "";
}
