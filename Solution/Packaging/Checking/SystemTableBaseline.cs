namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// Columns of the system tables the solution uses (logical names as in every Dataverse environment). The checker resolves
/// references to these tables here unless the solution folder carries the table's Entity.xml, whose columns are added.
/// </summary>
public static class SystemTableBaseline
{
    private static readonly string[] Audit =
    [
        "createdby", "createdon", "createdonbehalfby", "modifiedby", "modifiedon", "modifiedonbehalfby", "versionnumber",
        "importsequencenumber", "overriddencreatedon", "timezoneruleversionnumber", "utcconversiontimezonecode",
    ];

    private static readonly string[] Owned = ["ownerid", "owninguser", "owningteam", "owningbusinessunit"];

    private static readonly string[] Address =
    [
        "address1_addressid", "address1_city", "address1_composite", "address1_country", "address1_county", "address1_line1",
        "address1_line2", "address1_line3", "address1_postalcode", "address1_stateorprovince", "address1_telephone1",
        "address1_latitude", "address1_longitude", "address1_name",
        "address2_city", "address2_country", "address2_line1", "address2_postalcode",
    ];

    /// <summary>The columns every activity table (phone call, appointment, e-mail) shares with activitypointer.</summary>
    private static readonly string[] ActivityCommon =
    [
        "activityid", "subject", "description", "regardingobjectid", "regardingobjecttypecode", "regardingobjectidname",
        "scheduledstart", "scheduledend", "scheduleddurationminutes", "actualstart", "actualend", "actualdurationminutes",
        "prioritycode", "category", "subcategory", "statecode", "statuscode", "activitytypecode", "isregularactivity",
        "isbilled", "isworkflowcreated", "transactioncurrencyid", "exchangerate", "processid", "stageid", "sortdate",
    ];

    private static readonly Dictionary<string, HashSet<string>> Tables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["account"] = Set(Audit, Owned, Address,
        [
            "accountid", "name", "accountnumber", "parentaccountid", "primarycontactid", "revenue", "revenue_base",
            "numberofemployees", "industrycode", "accountcategorycode", "accountclassificationcode", "accountratingcode",
            "customertypecode", "customersizecode", "ownershipcode", "businesstypecode", "telephone1", "telephone2", "telephone3",
            "fax", "emailaddress1", "emailaddress2", "websiteurl", "description", "statecode", "statuscode",
            "transactioncurrencyid", "exchangerate", "creditlimit", "creditlimit_base", "creditonhold", "marketcap",
            "marketcap_base", "sic", "tickersymbol", "territoryid", "originatingleadid", "preferredcontactmethodcode",
            "entityimage", "entityimageid", "processid", "stageid", "traversedpath", "opendeals", "openrevenue",
            "openrevenue_base", "paymenttermscode", "donotemail", "donotphone", "masterid", "merged", "defaultpricelevelid",
        ]),
        ["contact"] = Set(Audit, Owned, Address,
        [
            "contactid", "fullname", "firstname", "lastname", "middlename", "salutation", "jobtitle", "department",
            "parentcustomerid", "accountid", "parentcontactid", "emailaddress1", "emailaddress2", "telephone1", "telephone2",
            "mobilephone", "fax", "description", "statecode", "statuscode", "birthdate", "gendercode", "familystatuscode",
            "preferredcontactmethodcode", "managername", "assistantname", "transactioncurrencyid", "exchangerate",
            "entityimage", "entityimageid", "originatingleadid", "processid", "stageid", "donotemail", "donotphone",
            "masterid", "merged", "websiteurl", "yomifullname",
        ]),
        ["opportunity"] = Set(Audit, Owned,
        [
            "opportunityid", "name", "customerid", "parentaccountid", "parentcontactid", "estimatedvalue", "estimatedvalue_base",
            "actualvalue", "actualvalue_base", "closeprobability", "estimatedclosedate", "actualclosedate", "budgetamount",
            "budgetamount_base", "budgetstatus", "description", "currentsituation", "customerneed", "proposedsolution",
            "stepname", "stepid", "salesstage", "salesstagecode", "opportunityratingcode", "prioritycode", "purchaseprocess",
            "purchasetimeframe", "decisionmaker", "statecode", "statuscode", "transactioncurrencyid", "exchangerate",
            "pricelevelid", "totalamount", "totalamount_base", "totalamountlessfreight", "totalamountlessfreight_base",
            "totaldiscountamount", "totaldiscountamount_base", "totallineitemamount", "totallineitemamount_base",
            "totaltax", "totaltax_base", "discountamount", "discountamount_base", "discountpercentage", "freightamount",
            "freightamount_base", "isrevenuesystemcalculated", "originatingleadid", "campaignid", "processid", "stageid",
            "traversedpath", "closeprobability", "finaldecisiondate", "need", "timeline", "msdyn_forecastcategory",
        ]),
        ["task"] = Set(Audit, Owned,
        [
            "activityid", "subject", "description", "regardingobjectid", "regardingobjecttypecode", "regardingobjectidname",
            "scheduledstart", "scheduledend", "scheduleddurationminutes", "actualstart", "actualend", "actualdurationminutes",
            "prioritycode", "percentcomplete", "category", "subcategory", "statecode", "statuscode", "activitytypecode",
            "isregularactivity", "isbilled", "isworkflowcreated", "transactioncurrencyid", "exchangerate", "processid",
            "stageid", "crmtaskassigneduniqueid", "sortdate",
        ]),
        ["phonecall"] = Set(Audit, Owned, ActivityCommon, ["from", "to", "phonenumber", "directioncode", "subscriptionid"]),
        ["appointment"] = Set(Audit, Owned, ActivityCommon,
            ["organizer", "requiredattendees", "optionalattendees", "location", "isalldayevent", "globalobjectid", "outlookownerapptid"]),
        ["email"] = Set(Audit, Owned, ActivityCommon,
        [
            "from", "to", "cc", "bcc", "sender", "torecipients", "directioncode", "messageid", "inreplyto", "conversationindex",
            "parentactivityid", "trackingtoken", "emailsender", "sendersaccount", "deliveryreceiptrequested", "readreceiptrequested",
        ]),
        ["systemuser"] = Set(Audit,
        [
            "systemuserid", "fullname", "firstname", "lastname", "middlename", "nickname", "domainname", "internalemailaddress",
            "personalemailaddress", "businessunitid", "parentsystemuserid", "title", "jobtitle", "isdisabled", "accessmode",
            "caltype", "mobilephone", "address1_telephone1", "address1_city", "address1_country", "territoryid", "siteid",
            "queueid", "defaultmailbox", "azureactivedirectoryobjectid", "islicensed", "issyncwithdirectory", "entityimage",
            "entityimageid", "transactioncurrencyid", "exchangerate", "employeeid", "windowsliveid", "positionid",
            "organizationid", "setupuser", "userlicensetype", "yomifullname",
        ]),
        ["team"] = Set(Audit,
        [
            "teamid", "name", "businessunitid", "teamtype", "administratorid", "description", "isdefault", "emailaddress",
            "queueid", "teamtemplateid", "regardingobjectid", "regardingobjecttypecode", "azureactivedirectoryobjectid",
            "membershiptype", "organizationid", "transactioncurrencyid", "exchangerate", "systemmanaged", "yominame",
        ]),
        ["businessunit"] = Set(Audit,
        [
            "businessunitid", "name", "parentbusinessunitid", "divisionname", "isdisabled", "description", "websiteurl",
            "emailaddress", "organizationid", "costcenter", "creditlimit", "transactioncurrencyid", "exchangerate",
            "address1_city", "address1_country", "address1_line1", "address1_postalcode", "address1_telephone1",
        ]),
        ["transactioncurrency"] = Set(Audit,
        [
            "transactioncurrencyid", "currencyname", "isocurrencycode", "currencysymbol", "exchangerate", "currencyprecision",
            "statecode", "statuscode", "organizationid", "entityimage", "entityimageid", "uniquedscid",
        ]),
        ["teammembership"] = Set(["teammembershipid", "teamid", "systemuserid", "versionnumber"]),
        ["organization"] = Set(["organizationid", "name", "basecurrencyid", "languagecode", "versionnumber"]),
    };

    /// <summary>The tables of the baseline.</summary>
    public static IEnumerable<string> TableNames => Tables.Keys;

    public static bool HasTable(string logicalName) => Tables.ContainsKey(logicalName);

    /// <summary>Columns of a baseline table, or null when the table is not in the baseline.</summary>
    public static IReadOnlySet<string>? Columns(string logicalName) => Tables.TryGetValue(logicalName, out var columns) ? columns : null;

    private static HashSet<string> Set(params string[][] groups)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            set.UnionWith(group);
        }

        return set;
    }
}
