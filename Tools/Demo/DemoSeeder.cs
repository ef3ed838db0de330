using System.Globalization;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

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

    private static readonly string[] Topics =
    [
        "Fleet telematics rollout", "ERP migration", "Service contract renewal", "Predictive maintenance pilot", "Packaging line upgrade",
        "Cloud licences", "Training programme", "Spare parts framework", "Energy monitoring", "Warehouse automation",
        "Quality analytics", "Field service app", "Security audit", "Data platform", "Customer portal", "Retrofit kit",
    ];

    private static readonly string[] FirstNames = ["Anna", "Lukas", "Mia", "Jonas", "Lea", "Felix", "Sophie", "Paul", "Emma", "Leon", "Clara", "Noah", "Laura", "Elias", "Hannah", "Ben"];

    private static readonly string[] LastNames = ["Müller", "Schmidt", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange"];

    private readonly IOrganizationService _service;
    private readonly DemoOptions _options;
    private readonly DemoIds _ids;
    private readonly ProgressLine _progress;
    private readonly Random _random;
    private long _requests;

    public DemoSeeder(IOrganizationService service, DemoOptions options, DemoIds ids, ProgressLine progress)
    {
        _service = service;
        _options = options;
        _ids = ids;
        _progress = progress;
        _random = new Random(options.Seed);
    }

    public DemoWorld Seed()
    {
        var world = new DemoWorld();
        var who = (WhoAmIResponse)_service.Execute(new WhoAmIRequest());
        world.AdminUserId = who.UserId;
        world.RootBusinessUnitId = who.BusinessUnitId;

        _progress.Start("Organization (currencies, business units, users, steering committee)");
        SeedOrganization(world);
        _progress.Done(2 + world.BusinessUnits.Count + world.Sellers.Count + world.Committee.Count + 1, "records", showRate: false);

        _progress.Start("Plan templates (upsert by apx_name)");
        world.Templates.AddRange(SeedLoader.LoadFolder(_service, _options.SeedFolder));
        _progress.Done(world.Templates.Count, "templates", showRate: false);

        SeedAccounts(world);
        SeedOpportunities(world);
        world.SeedRequests = _requests;
        return world;
    }

    private void SeedOrganization(DemoWorld world)
    {
        world.EuroId = EnsureCurrency("EUR", "Euro", "€", 1.0m);
        world.DollarRate = 1.0850m;
        world.DollarId = EnsureCurrency("USD", "US Dollar", "$", world.DollarRate);

        foreach (var name in new[] { "Sales North", "Sales South" })
        {
            var id = _ids.For("businessunit", name);
            Create(new Entity("businessunit", id)
            {
                ["name"] = name,
                ["parentbusinessunitid"] = new EntityReference("businessunit", world.RootBusinessUnitId),
            });
            world.BusinessUnits.Add((id, name));
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 8; i++)
        {
            var bu = world.BusinessUnits[i % 2];
            world.Sellers.Add(CreateUser($"seller/{i}", UniquePerson(used), "Key account manager", bu.Id, bu.Name));
        }

        world.Committee.Add(CreateUser("committee/0", UniquePerson(used), "Sales director", world.RootBusinessUnitId, "Head office"));
        world.Committee.Add(CreateUser("committee/1", UniquePerson(used), "Chief financial officer", world.RootBusinessUnitId, "Head office"));
        world.Committee.Add(CreateUser("committee/2", UniquePerson(used), "Head of key account management", world.RootBusinessUnitId, "Head office"));

        world.SteeringCommitteeName = "Key account steering committee";
        world.SteeringCommitteeId = _ids.For("team", "steering");
        Create(new Entity("team", world.SteeringCommitteeId)
        {
            ["name"] = world.SteeringCommitteeName,
            ["businessunitid"] = new EntityReference("businessunit", world.RootBusinessUnitId),
            ["teamtype"] = new OptionSetValue(0),
            ["description"] = "Decides budget-relevant and business-critical measures of the account plans.",
        });
        var members = new EntityReferenceCollection();
        foreach (var member in world.Committee)
        {
            members.Add(new EntityReference("systemuser", member.Id));
        }

        _service.Associate("team", world.SteeringCommitteeId, new Relationship("teammembership_association"), members);
        _requests++;
    }

    private Guid EnsureCurrency(string iso, string name, string symbol, decimal rate)
    {
        var query = new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet("exchangerate"), TopCount = 1 };
        query.Criteria.AddCondition("isocurrencycode", ConditionOperator.Equal, iso);
        var existing = _service.RetrieveMultiple(query).Entities.FirstOrDefault();
        _requests++;
        if (existing is not null)
        {
            return existing.Id;
        }

        var id = _ids.For("transactioncurrency", iso);
        Create(new Entity("transactioncurrency", id)
        {
            ["isocurrencycode"] = iso,
            ["currencyname"] = name,
            ["currencysymbol"] = symbol,
            ["exchangerate"] = rate,
            ["currencyprecision"] = 2,
        });
        return id;
    }

    private DemoUser CreateUser(string key, (string First, string Last) person, string title, Guid businessUnitId, string businessUnit)
    {
        var id = _ids.For("systemuser", key);
        var login = RemoveUmlauts($"{person.First}.{person.Last}").ToLowerInvariant();
        Create(new Entity("systemuser", id)
        {
            ["firstname"] = person.First,
            ["lastname"] = person.Last,
            ["fullname"] = $"{person.First} {person.Last}",
            ["domainname"] = $"{login}@contoso-demo.example",
            ["internalemailaddress"] = $"{login}@contoso-demo.example",
            ["title"] = title,
            ["businessunitid"] = new EntityReference("businessunit", businessUnitId),
        });
        return new DemoUser(id, $"{person.First} {person.Last}", title, businessUnitId, businessUnit);
    }

    private (string, string) UniquePerson(HashSet<string> used)
    {
        while (true)
        {
            var person = (FirstNames[_random.Next(FirstNames.Length)], LastNames[_random.Next(LastNames.Length)]);
            if (used.Add($"{person.Item1} {person.Item2}"))
            {
                return person;
            }
        }
    }

    private void SeedAccounts(DemoWorld world)
    {
        var total = _options.Accounts;
        var groups = Math.Max(4, total / 10);
        var subsidiaries = total / 5;
        var companies = total - groups - subsidiaries;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        _progress.Start("Accounts (groups, companies, subsidiaries) and contacts");
        var batch = new BatchWriter(_service, _progress, total + total * 2);
        var groupList = new List<DemoAccount>();
        for (var i = 0; i < groups; i++)
        {
            var stem = Stems[i % Stems.Length];
            var name = Unique(names, i < Stems.Length ? $"{stem} Group" : $"{stem} Holding {i / Stems.Length + 1}");
            var owner = world.Sellers[i % world.Sellers.Count];
            var account = AddAccount(world, batch, i, name, null, owner.Id, 1, Industries[_random.Next(Industries.Length)], stem);
            groupList.Add(account);
        }

        batch.Flush();
        var companyList = new List<DemoAccount>();
        for (var i = 0; i < companies; i++)
        {
            // Four of five companies belong to a group (and share its account manager); the rest are independent.
            DemoAccount? parent = _random.Next(5) < 4 ? groupList[_random.Next(groupList.Count)] : null;
            var industry = Industries[_random.Next(Industries.Length)];
            var stem = parent is null ? Stems[_random.Next(Stems.Length)] : parent.Stem;
            var name = Unique(names, $"{stem} {industry} {Forms[_random.Next(Forms.Length)]}");
            var owner = parent?.OwnerId ?? world.Sellers[_random.Next(world.Sellers.Count)].Id;
            companyList.Add(AddAccount(world, batch, groups + i, name, parent?.Id, owner, 2, industry, stem));
        }

        batch.Flush();
        for (var i = 0; i < subsidiaries; i++)
        {
            var parent = companyList[_random.Next(companyList.Count)];
            var name = Unique(names, $"{parent.Stem} {parent.Industry} {Regions[_random.Next(Regions.Length)]}");
            AddAccount(world, batch, groups + companies + i, name, parent.Id, parent.OwnerId, 3, parent.Industry, parent.Stem);
        }

        batch.Flush();
        _requests += batch.Requests;
        _progress.Done(world.Accounts.Count + world.Contacts, "accounts and contacts");
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
        var id = _ids.For("account", number);
        var employees = level switch { 1 => _random.Next(5000, 120000), 2 => _random.Next(200, 8000), _ => _random.Next(20, 900) };
        var entity = new Entity("account", id)
        {
            ["name"] = name,
            ["accountnumber"] = string.Create(CultureInfo.InvariantCulture, $"K-{10000 + number}"),
            ["ownerid"] = new EntityReference("systemuser", ownerId),
            ["numberofemployees"] = employees,
            ["revenue"] = new Money(Amounts.RoundTo(employees * (decimal)(150000 + _random.Next(250000)), 1000m)),
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
            var contactId = _ids.For("contact", number * 4 + c);
            batch.AddLater(new CreateRequest
            {
                Target = new Entity("contact", contactId)
                {
                    ["firstname"] = FirstNames[_random.Next(FirstNames.Length)],
                    ["lastname"] = LastNames[_random.Next(LastNames.Length)],
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

    private void SeedOpportunities(DemoWorld world)
    {
        // Customers differ widely in size: a log-normal weight per account gives a realistic ranking.
        var weights = new double[world.Accounts.Count];
        var cumulative = 0d;
        for (var i = 0; i < weights.Length; i++)
        {
            var level = world.Accounts[i].Level;
            cumulative += Math.Exp(Normal() * 1.1) * (level == 1 ? 0.3 : 1.0);
            weights[i] = cumulative;
        }

        var today = _options.Clock.Date;
        var first = today.AddYears(-2);
        var count = _options.Opportunities;
        var closes = new List<OrganizationRequest>(count * 3 / 4);

        _progress.Start("Opportunities (two years, EUR and USD)");
        var batch = new BatchWriter(_service, _progress, count);
        for (var i = 0; i < count; i++)
        {
            var account = world.Accounts[Pick(weights, _random.NextDouble() * cumulative)];
            var id = _ids.For("opportunity", i);
            var dollars = _random.Next(4) == 0;
            var estimated = Math.Max(2000m, Amounts.RoundTo((decimal)Math.Exp(Math.Log(38000) + Normal() * 0.9), 100m));
            var created = first.AddDays(_random.Next((today - first).Days));
            var age = (today - created).Days;
            var closed = _random.NextDouble() < (age > 120 ? 0.85 : age > 45 ? 0.45 : 0.1);
            var entity = new Entity("opportunity", id)
            {
                ["name"] = $"{Topics[_random.Next(Topics.Length)]} – {account.Name}",
                ["customerid"] = new EntityReference("account", account.Id),
                ["parentaccountid"] = new EntityReference("account", account.Id),
                ["ownerid"] = new EntityReference("systemuser", account.OwnerId),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", dollars ? world.DollarId : world.EuroId),
                ["estimatedvalue"] = new Money(estimated),
                ["apx_margin"] = new Money(Amounts.RoundTo(estimated * (12 + i * 7 % 23) / 100m, 100m)),
                ["closeprobability"] = closed ? 50 : new[] { 10, 20, 40, 60, 80 }[_random.Next(5)],
                ["estimatedclosedate"] = closed ? created.AddDays(30 + _random.Next(120)) : today.AddDays(7 + _random.Next(330)),
                ["description"] = string.Create(CultureInfo.InvariantCulture, $"Opened {created:yyyy-MM-dd}."),
            };
            batch.Add(new CreateRequest { Target = entity });
            world.Opportunities++;
            if (dollars)
            {
                world.OpportunitiesUsd++;
            }

            if (!closed)
            {
                continue;
            }

            var closedOn = created.AddDays(14 + _random.Next(Math.Max(1, Math.Min(200, age - 14))));
            if (closedOn >= today)
            {
                closedOn = today.AddDays(-1);
            }

            var won = _random.NextDouble() < 0.55;
            var close = new Entity("opportunityclose")
            {
                ["opportunityid"] = new EntityReference("opportunity", id),
                ["subject"] = won ? "Won" : "Lost",
                ["actualend"] = closedOn,
            };
            if (won)
            {
                close["actualrevenue"] = new Money(Amounts.RoundTo(estimated * (decimal)(0.85 + _random.NextDouble() * 0.25), 100m));
                world.Won++;
            }
            else
            {
                world.Lost++;
            }

            closes.Add(new OrganizationRequest(won ? "WinOpportunity" : "LoseOpportunity")
            {
                ["OpportunityClose"] = close,
                ["Status"] = new OptionSetValue(won ? 3 : _random.Next(2) == 0 ? 4 : 5),
            });
        }

        batch.Flush();
        _requests += batch.Requests;
        _progress.Done(count, "opportunities");

        _progress.Start("Closing opportunities (WinOpportunity / LoseOpportunity)");
        var closing = new BatchWriter(_service, _progress, closes.Count);
        foreach (var request in closes)
        {
            closing.Add(request);
        }

        closing.Flush();
        _requests += closing.Requests;
        _progress.Done(closes.Count, "closed");
    }

    private void Create(Entity entity)
    {
        _service.Create(entity);
        _requests++;
    }

    private static int Pick(double[] cumulative, double value)
    {
        var index = Array.BinarySearch(cumulative, value);
        return Math.Min(cumulative.Length - 1, index >= 0 ? index : ~index);
    }

    private double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
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

    private static string RemoveUmlauts(string text) =>
        text.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);
}

/// <summary>Sends requests in ExecuteMultiple batches (stop on the first error, no responses).</summary>
public sealed class BatchWriter(IOrganizationService service, ProgressLine progress, long expected)
{
    private readonly List<OrganizationRequest> _pending = new(DemoSeeder.BatchSize);
    private readonly List<OrganizationRequest> _later = [];
    private long _sent;

    public long Requests { get; private set; }

    public void Add(OrganizationRequest request)
    {
        _pending.Add(request);
        if (_pending.Count >= DemoSeeder.BatchSize)
        {
            Send();
        }
    }

    /// <summary>Queues a request that must follow the current ones (e.g. a contact of an account not created yet).</summary>
    public void AddLater(OrganizationRequest request) => _later.Add(request);

    public void Flush()
    {
        Send();
        foreach (var request in _later)
        {
            Add(request);
        }

        _later.Clear();
        Send();
    }

    private void Send()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
            Requests = [],
        };
        request.Requests.AddRange(_pending);
        var response = (ExecuteMultipleResponse)service.Execute(request);
        Requests++;
        var fault = response.Responses.FirstOrDefault(r => r.Fault is not null);
        if (response.IsFaulted && fault is not null)
        {
            var failed = _pending[fault.RequestIndex];
            throw new DemoStepException($"seeding stopped: {failed.RequestName} #{_sent + fault.RequestIndex + 1} failed: {fault.Fault.Message}");
        }

        _sent += _pending.Count;
        _pending.Clear();
        progress.Report(_sent, expected);
    }
}
