namespace AccountPlanXrm.Tools.Demo.Seeding;

/// <summary>Seeds the account hierarchy (groups, companies, subsidiaries) with one or two contacts per account, in batches.</summary>
public sealed class AccountSeeder(SeedSession seed)
{
    private static readonly string[] Stems =
    [
        "Nordwind", "Alpenblick", "Rheintal", "Contoso", "Fabrikam", "Adatum", "Litware", "Tailspin", "Woodgrove", "Proseware",
        "Lucerne", "Coho", "Wingtip", "Trey", "Humongous", "Blue Yonder", "Fourth Coffee", "Wide World", "Margie", "Northwind",
        "Elbtal", "Hanse", "Bodensee", "Mainfranken", "Isar", "Spree", "Weser", "Mosel", "Taunus", "Harz",
        "Schwarzwald", "Eifel", "Ostsee", "Allgäu", "Rhön", "Vulkan", "Sonnenfeld", "Lindenhof", "Eichenwald", "Falkenstein",
    ];

    private static readonly string[] Industries =
    [
        "Logistics", "Pharma", "Automotive", "Energy", "Retail", "Machinery", "Chemicals", "Insurance", "Foods", "Telecom",
        "Software", "Medical", "Packaging", "Aerospace", "Textiles", "Construction",
    ];

    private static readonly string[] Forms = ["GmbH", "AG", "SE", "Ltd", "Inc", "B.V.", "S.A.", "KG"];

    private static readonly string[] Regions = ["North", "South", "East", "West", "Central", "International", "Services", "Digital"];

    public void Seed(DemoWorld world)
    {
        var total = seed.Options.Accounts;
        var groups = Math.Max(4, total / 10);
        var subsidiaries = total / 5;
        var companies = total - groups - subsidiaries;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        seed.Progress.Start("Accounts (groups, companies, subsidiaries) and contacts");
        var batch = new BatchWriter(seed.Service, seed.Progress, total + total * 2);
        var groupList = new List<DemoAccount>();
        for (var i = 0; i < groups; i++)
        {
            var stem = Stems[i % Stems.Length];
            var name = Unique(names, i < Stems.Length ? $"{stem} Group" : $"{stem} Holding {i / Stems.Length + 1}");
            var owner = world.Sellers[i % world.Sellers.Count];
            var account = AddAccount(world, batch, i, name, null, owner.Id, 1, Industries[seed.Random.Next(Industries.Length)], stem);
            groupList.Add(account);
        }

        batch.Flush();
        var companyList = new List<DemoAccount>();
        for (var i = 0; i < companies; i++)
        {
            // Four of five companies belong to a group (and share its account manager); the rest are independent.
            DemoAccount? parent = seed.Random.Next(5) < 4 ? groupList[seed.Random.Next(groupList.Count)] : null;
            var industry = Industries[seed.Random.Next(Industries.Length)];
            var stem = parent is null ? Stems[seed.Random.Next(Stems.Length)] : parent.Stem;
            var name = Unique(names, $"{stem} {industry} {Forms[seed.Random.Next(Forms.Length)]}");
            var owner = parent?.OwnerId ?? world.Sellers[seed.Random.Next(world.Sellers.Count)].Id;
            companyList.Add(AddAccount(world, batch, groups + i, name, parent?.Id, owner, 2, industry, stem));
        }

        batch.Flush();
        for (var i = 0; i < subsidiaries; i++)
        {
            var parent = companyList[seed.Random.Next(companyList.Count)];
            var name = Unique(names, $"{parent.Stem} {parent.Industry} {Regions[seed.Random.Next(Regions.Length)]}");
            AddAccount(world, batch, groups + companies + i, name, parent.Id, parent.OwnerId, 3, parent.Industry, parent.Stem);
        }

        batch.Flush();
        seed.Requests += batch.Requests;
        seed.Progress.Done(world.Accounts.Count + world.Contacts, "accounts and contacts");
    }

    /// <summary>The standard account industry (industrycode) closest to a demo industry.</summary>
    public static int IndustryCode(string industry) => industry switch
    {
        "Logistics" => 30, // Transportation
        "Pharma" or "Chemicals" => 18, // Inbound Capital Intensive Processing
        "Energy" or "Telecom" => 31, // Utility Creation and Distribution
        "Retail" => 22, // Non-Durable Merchandise Retail
        "Insurance" => 20,
        "Foods" => 17, // Food and Tobacco Processing
        "Software" => 6, // Business Services
        "Medical" => 11, // Doctor's Offices and Clinics
        "Construction" => 28, // Special Outbound Trade Contractors
        _ => 12, // Durable Manufacturing: automotive, machinery, packaging, aerospace, textiles
    };

    private DemoAccount AddAccount(DemoWorld world, BatchWriter batch, int number, string name, Guid? parentId, Guid ownerId, int level, string industry, string stem)
    {
        var id = seed.Ids.For("account", number);
        var employees = level switch { 1 => seed.Random.Next(5000, 120000), 2 => seed.Random.Next(200, 8000), _ => seed.Random.Next(20, 900) };
        var entity = new Entity("account", id)
        {
            ["name"] = name,
            ["accountnumber"] = string.Create(CultureInfo.InvariantCulture, $"K-{10000 + number}"),
            ["ownerid"] = new EntityReference("systemuser", ownerId),
            ["numberofemployees"] = employees,
            ["revenue"] = new Money(Amounts.RoundTo(employees * (decimal)(150000 + seed.Random.Next(250000)), 1000m)),
            ["transactioncurrencyid"] = new EntityReference("transactioncurrency", world.EuroId),
            ["description"] = $"{industry}",
            ["industrycode"] = new OptionSetValue(IndustryCode(industry)),
        };
        if (parentId is { } parent)
        {
            entity["parentaccountid"] = new EntityReference("account", parent);
        }

        batch.Add(new CreateRequest { Target = entity });
        var account = new DemoAccount(id, name, parentId, ownerId, level, industry, stem);
        world.Accounts.Add(account);
        world.AccountsById[id] = account;

        var contacts = new List<Guid>();
        var count = level == 1 ? 1 : 2;
        for (var c = 0; c < count; c++)
        {
            var contactId = seed.Ids.For("contact", number * 4 + c);
            batch.AddLater(new CreateRequest
            {
                Target = new Entity("contact", contactId)
                {
                    ["firstname"] = SeedSession.FirstNames[seed.Random.Next(SeedSession.FirstNames.Length)],
                    ["lastname"] = SeedSession.LastNames[seed.Random.Next(SeedSession.LastNames.Length)],
                    ["jobtitle"] = c == 0 ? "Head of purchasing" : "Chief operating officer",
                    ["parentcustomerid"] = new EntityReference("account", id),
                    ["ownerid"] = new EntityReference("systemuser", ownerId),
                },
            });
            contacts.Add(contactId);
            world.Contacts++;
        }

        world.ContactsByAccount[id] = contacts;
        return account;
    }

    private static string Unique(HashSet<string> used, string name)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name} {n}");
        }

        return candidate;
    }
}
