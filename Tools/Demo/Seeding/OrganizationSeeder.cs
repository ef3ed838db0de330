namespace AccountPlanXrm.Tools.Demo.Seeding;

/// <summary>Seeds the organization: the two currencies (EUR base, USD), two sales business units with sellers, and the steering committee team with its members.</summary>
public sealed class OrganizationSeeder(SeedSession seed)
{
    public void Seed(DemoWorld world)
    {
        world.EuroId = EnsureCurrency("EUR", "Euro", "€", 1.0m);
        world.DollarRate = 1.0850m;
        world.DollarId = EnsureCurrency("USD", "US Dollar", "$", world.DollarRate);

        foreach (var name in new[] { "Sales North", "Sales South" })
        {
            var id = seed.Ids.For("businessunit", name);
            seed.Create(new Entity("businessunit", id)
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
        world.SteeringCommitteeId = seed.Ids.For("team", "steering");
        seed.Create(new Entity("team", world.SteeringCommitteeId)
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

        seed.Service.Associate("team", world.SteeringCommitteeId, new Relationship("teammembership_association"), members);
        seed.Requests++;
    }

    private Guid EnsureCurrency(string iso, string name, string symbol, decimal rate)
    {
        var query = new QueryExpression("transactioncurrency") { ColumnSet = new ColumnSet("exchangerate"), TopCount = 1 };
        query.Criteria.AddCondition("isocurrencycode", ConditionOperator.Equal, iso);
        var existing = seed.Service.RetrieveMultiple(query).Entities.FirstOrDefault();
        seed.Requests++;
        if (existing is not null)
        {
            return existing.Id;
        }

        var id = seed.Ids.For("transactioncurrency", iso);
        seed.Create(new Entity("transactioncurrency", id)
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
        var id = seed.Ids.For("systemuser", key);
        var login = SeedSession.RemoveUmlauts($"{person.First}.{person.Last}").ToLowerInvariant();
        seed.Create(new Entity("systemuser", id)
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
            var person = (SeedSession.FirstNames[seed.Random.Next(SeedSession.FirstNames.Length)], SeedSession.LastNames[seed.Random.Next(SeedSession.LastNames.Length)]);
            if (used.Add($"{person.Item1} {person.Item2}"))
            {
                return person;
            }
        }
    }
}
