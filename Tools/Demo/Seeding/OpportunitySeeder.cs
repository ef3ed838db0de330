namespace AccountPlanXrm.Tools.Demo.Seeding;

/// <summary>
/// Seeds the opportunities over two years in EUR and USD, weighted towards a few large customers, and closes most older
/// ones the way a user does (WinOpportunity / LoseOpportunity), in batches.
/// </summary>
public sealed class OpportunitySeeder(SeedSession seed)
{
    private static readonly string[] Topics =
    [
        "Fleet telematics rollout", "ERP migration", "Service contract renewal", "Predictive maintenance pilot", "Packaging line upgrade",
        "Cloud licences", "Training programme", "Spare parts framework", "Energy monitoring", "Warehouse automation",
        "Quality analytics", "Field service app", "Security audit", "Data platform", "Customer portal", "Retrofit kit",
    ];

    public void Seed(DemoWorld world)
    {
        // Customers differ widely in size: a log-normal weight per account gives a realistic ranking.
        var weights = new double[world.Accounts.Count];
        var cumulative = 0d;
        for (var i = 0; i < weights.Length; i++)
        {
            var level = world.Accounts[i].Level;
            cumulative += Math.Exp(seed.Normal() * 1.1) * (level == 1 ? 0.3 : 1.0);
            weights[i] = cumulative;
        }

        var today = seed.Options.Clock.Date;
        var first = today.AddYears(-2);
        var count = seed.Options.Opportunities;
        var closes = new List<OrganizationRequest>(count * 3 / 4);

        seed.Progress.Start("Opportunities (two years, EUR and USD)");
        var batch = new BatchWriter(seed.Service, seed.Progress, count);
        for (var i = 0; i < count; i++)
        {
            var account = world.Accounts[Pick(weights, seed.Random.NextDouble() * cumulative)];
            var id = seed.Ids.For("opportunity", i);
            var dollars = seed.Random.Next(4) == 0;
            var estimated = Math.Max(2000m, Amounts.RoundTo((decimal)Math.Exp(Math.Log(38000) + seed.Normal() * 0.9), 100m));
            var created = first.AddDays(seed.Random.Next((today - first).Days));
            var age = (today - created).Days;
            var closed = seed.Random.NextDouble() < (age > 120 ? 0.85 : age > 45 ? 0.45 : 0.1);
            var entity = new Entity("opportunity", id)
            {
                ["name"] = $"{Topics[seed.Random.Next(Topics.Length)]} – {account.Name}",
                ["customerid"] = new EntityReference("account", account.Id),
                ["parentaccountid"] = new EntityReference("account", account.Id),
                ["ownerid"] = new EntityReference("systemuser", account.OwnerId),
                ["transactioncurrencyid"] = new EntityReference("transactioncurrency", dollars ? world.DollarId : world.EuroId),
                ["estimatedvalue"] = new Money(estimated),
                ["apx_margin"] = new Money(Amounts.RoundTo(estimated * (12 + i * 7 % 23) / 100m, 100m)),
                ["closeprobability"] = closed ? 50 : new[] { 10, 20, 40, 60, 80 }[seed.Random.Next(5)],
                ["estimatedclosedate"] = closed ? created.AddDays(30 + seed.Random.Next(120)) : today.AddDays(7 + seed.Random.Next(330)),
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

            var closedOn = created.AddDays(14 + seed.Random.Next(Math.Max(1, Math.Min(200, age - 14))));
            if (closedOn >= today)
            {
                closedOn = today.AddDays(-1);
            }

            var won = seed.Random.NextDouble() < 0.55;
            var close = new Entity("opportunityclose")
            {
                ["opportunityid"] = new EntityReference("opportunity", id),
                ["subject"] = won ? "Won" : "Lost",
                ["actualend"] = closedOn,
            };
            if (won)
            {
                close["actualrevenue"] = new Money(Amounts.RoundTo(estimated * (decimal)(0.85 + seed.Random.NextDouble() * 0.25), 100m));
                world.Won++;
            }
            else
            {
                world.Lost++;
            }

            closes.Add(new OrganizationRequest(won ? "WinOpportunity" : "LoseOpportunity")
            {
                ["OpportunityClose"] = close,
                ["Status"] = new OptionSetValue(won ? 3 : seed.Random.Next(2) == 0 ? 4 : 5),
            });
        }

        batch.Flush();
        seed.Requests += batch.Requests;
        seed.Progress.Done(count, "opportunities");

        seed.Progress.Start("Closing opportunities (WinOpportunity / LoseOpportunity)");
        var closing = new BatchWriter(seed.Service, seed.Progress, closes.Count);
        foreach (var request in closes)
        {
            closing.Add(request);
        }

        closing.Flush();
        seed.Requests += closing.Requests;
        seed.Progress.Done(closes.Count, "closed");
    }

    private static int Pick(double[] cumulative, double value)
    {
        var index = Array.BinarySearch(cumulative, value);
        return Math.Min(cumulative.Length - 1, index >= 0 ? index : ~index);
    }
}
