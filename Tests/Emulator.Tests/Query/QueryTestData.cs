using System.ServiceModel;
using AccountPlanXrm.Emulator.Query;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Tests.Query;

/// <summary>Shared rows for the query engine tests (fixed ids and dates).</summary>
internal static class QueryTestData
{
    public static readonly Guid Contoso = TestQuerySource.Id(1);
    public static readonly Guid Fabrikam = TestQuerySource.Id(2);
    public static readonly Guid Litware = TestQuerySource.Id(3);
    public static readonly Guid Adventure = TestQuerySource.Id(4);
    public static readonly Guid ContosoEast = TestQuerySource.Id(5);
    public static readonly Guid ContosoEastSub = TestQuerySource.Id(6);

    public static readonly Guid Anna = TestQuerySource.Id(101);
    public static readonly Guid Ben = TestQuerySource.Id(102);
    public static readonly Guid Carla = TestQuerySource.Id(103);

    /// <summary>
    /// Accounts: Contoso (hierarchy root) ← Contoso East ← Contoso East Sub; Fabrikam; Litware; Adventure (no name).
    /// Contacts: Anna and Ben at Contoso, Carla at Fabrikam. Opportunities at Contoso (2) and Fabrikam (1).
    /// </summary>
    public static TestQuerySource Create()
    {
        var source = new TestQuerySource();
        var user = new EntityReference("systemuser", TestQuerySource.UserId);
        var other = new EntityReference("systemuser", TestQuerySource.OtherUserId);
        var euro = new EntityReference("transactioncurrency", TestQuerySource.EuroId);
        var unit = new EntityReference("businessunit", TestQuerySource.BusinessUnit);

        source.Add(new Entity("account", Contoso)
        {
            ["accountid"] = Contoso,
            ["name"] = "Contoso",
            ["accountnumber"] = "A-100",
            ["revenue"] = new Money(1000m),
            ["numberofemployees"] = 50,
            ["industrycode"] = new OptionSetValue(3),
            ["statecode"] = new OptionSetValue(0),
            ["donotphone"] = false,
            ["createdon"] = new DateTime(2026, 5, 14, 8, 0, 0, DateTimeKind.Utc),
            ["ownerid"] = user,
            ["owningbusinessunit"] = unit,
            ["transactioncurrencyid"] = euro,
            ["primarycontactid"] = new EntityReference("contact", Anna),
        });
        source.Add(new Entity("account", Fabrikam)
        {
            ["accountid"] = Fabrikam,
            ["name"] = "Fabrikam",
            ["accountnumber"] = "B-200",
            ["revenue"] = new Money(2500.5m),
            ["numberofemployees"] = 200,
            ["industrycode"] = new OptionSetValue(1),
            ["statecode"] = new OptionSetValue(0),
            ["donotphone"] = true,
            ["createdon"] = new DateTime(2026, 5, 13, 9, 0, 0, DateTimeKind.Utc),
            ["ownerid"] = other,
            ["transactioncurrencyid"] = euro,
        });
        source.Add(new Entity("account", Litware)
        {
            ["accountid"] = Litware,
            ["name"] = "Litware",
            ["numberofemployees"] = 10,
            ["industrycode"] = new OptionSetValue(2),
            ["statecode"] = new OptionSetValue(1),
            ["createdon"] = new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc),
            ["ownerid"] = user,
        });
        source.Add(new Entity("account", Adventure)
        {
            ["accountid"] = Adventure,
            ["statecode"] = new OptionSetValue(0),
            ["createdon"] = new DateTime(2025, 11, 20, 12, 0, 0, DateTimeKind.Utc),
            ["ownerid"] = other,
        });
        source.Add(new Entity("account", ContosoEast)
        {
            ["accountid"] = ContosoEast,
            ["name"] = "Contoso East",
            ["parentaccountid"] = new EntityReference("account", Contoso),
            ["statecode"] = new OptionSetValue(0),
            ["createdon"] = new DateTime(2026, 5, 15, 7, 0, 0, DateTimeKind.Utc),
        });
        source.Add(new Entity("account", ContosoEastSub)
        {
            ["accountid"] = ContosoEastSub,
            ["name"] = "Contoso East Sub",
            ["parentaccountid"] = new EntityReference("account", ContosoEast),
            ["statecode"] = new OptionSetValue(0),
        });

        source.Add(new Entity("contact", Anna)
        {
            ["contactid"] = Anna,
            ["fullname"] = "Anna Alpha",
            ["lastname"] = "Alpha",
            ["parentcustomerid"] = new EntityReference("account", Contoso),
            ["birthdate"] = new DateTime(1990, 5, 14),
        });
        source.Add(new Entity("contact", Ben)
        {
            ["contactid"] = Ben,
            ["fullname"] = "Ben Beta",
            ["lastname"] = "Beta",
            ["parentcustomerid"] = new EntityReference("account", Contoso),
        });
        source.Add(new Entity("contact", Carla)
        {
            ["contactid"] = Carla,
            ["fullname"] = "Carla Gamma",
            ["lastname"] = "Gamma",
            ["parentcustomerid"] = new EntityReference("account", Fabrikam),
        });

        source.Add(new Entity("opportunity", TestQuerySource.Id(201))
        {
            ["name"] = "Contoso renewal",
            ["parentaccountid"] = new EntityReference("account", Contoso),
            ["estimatedvalue"] = new Money(100m),
            ["closeprobability"] = 50,
            ["estimatedclosedate"] = new DateTime(2026, 1, 15),
            ["statecode"] = new OptionSetValue(1),
        });
        source.Add(new Entity("opportunity", TestQuerySource.Id(202))
        {
            ["name"] = "Contoso upsell",
            ["parentaccountid"] = new EntityReference("account", Contoso),
            ["estimatedvalue"] = new Money(300m),
            ["closeprobability"] = 20,
            ["estimatedclosedate"] = new DateTime(2026, 2, 10),
            ["statecode"] = new OptionSetValue(0),
        });
        source.Add(new Entity("opportunity", TestQuerySource.Id(203))
        {
            ["name"] = "Fabrikam pilot",
            ["parentaccountid"] = new EntityReference("account", Fabrikam),
            ["estimatedvalue"] = new Money(50m),
            ["estimatedclosedate"] = new DateTime(2026, 2, 20),
            ["statecode"] = new OptionSetValue(0),
        });
        return source;
    }

    public static List<string?> Names(EntityCollection result, string attribute = "name") =>
        result.Entities.Select(e => (string?)e.GetAttributeValue<string>(attribute)).ToList();

    public static FaultException<OrganizationServiceFault> Fault(Action action) => AccountPlanXrm.TestSupport.FaultAssert.Catch(action);
}
