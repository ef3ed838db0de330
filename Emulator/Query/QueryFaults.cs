namespace AccountPlanXrm.Emulator.Query;

/// <summary>The faults the platform raises for invalid or over-limit queries, with Dataverse's codes and wording.</summary>
public static class QueryFaults
{
    /// <summary>QueryBuilderNoEntity (0x80041102).</summary>
    public const int NoEntity = ErrorCodes.QueryBuilderNoEntity;

    /// <summary>QueryBuilderNoAttribute (0x80041103).</summary>
    public const int NoAttribute = ErrorCodes.QueryBuilderNoAttribute;

    /// <summary>AggregateQueryRecordLimit (0x8004E023).</summary>
    public const int AggregateQueryRecordLimit = ErrorCodes.AggregateQueryRecordLimitExceeded;

    /// <summary>InvalidArgument (0x80040203).</summary>
    public const int InvalidArgument = ErrorCodes.InvalidArgument;

    /// <summary>Fetch XML is not well formed / not valid against the schema: InvalidXml (0x80040201).</summary>
    public const int InvalidXml = -2147220991;

    /// <summary>QueryBuilderTooManyLinkEntities (0x8004430D).</summary>
    public const int TooManyLinkEntities = -2147204339;

    /// <summary>QueryBuilderTooManyConditions (0x8004430C).</summary>
    public const int TooManyConditions = -2147204340;

    /// <summary>QueryBuilderInvalid_Alias / invalid link alias reference (0x80041130).</summary>
    public const int InvalidAlias = -2147217104;

    /// <summary>QueryBuilderInvalidConditionOperator (0x80041104) and unsupported operators.</summary>
    public const int InvalidConditionOperator = -2147217148;

    /// <summary>Creates the fault exception the organization service throws.</summary>
    public static FaultException<OrganizationServiceFault> Create(int code, string message) => Faults.Create(code, message);

    internal static FaultException<OrganizationServiceFault> UnknownEntity(string table) => Faults.UnknownEntity(table);

    internal static FaultException<OrganizationServiceFault> UnknownAttribute(string table, string attribute) => Faults.UnknownAttribute(table, attribute);

    internal static FaultException<OrganizationServiceFault> AggregateLimit() =>
        Create(AggregateQueryRecordLimit, "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");

    internal static FaultException<OrganizationServiceFault> Invalid(string message) => Faults.Invalid(message);

    internal static FaultException<OrganizationServiceFault> Xml(string message) => Create(InvalidXml, message);
}
