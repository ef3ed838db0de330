namespace AccountPlanXrm.Emulator;

/// <summary>Dataverse error codes the emulator raises (values of the platform's error code list).</summary>
public static class ErrorCodes
{
    /// <summary>0x80040217 ObjectDoesNotExist.</summary>
    public const int ObjectDoesNotExist = -2147220969;
    /// <summary>0x80040203 InvalidArgument.</summary>
    public const int InvalidArgument = -2147220989;
    /// <summary>0x80040237 DuplicateRecord.</summary>
    public const int DuplicateRecord = -2147220937;
    /// <summary>0x80060892 DuplicateRecordEntityKey.</summary>
    public const int DuplicateRecordEntityKey = -2147088238;
    /// <summary>0x80060891 RecordNotFoundByEntityKey.</summary>
    public const int RecordNotFoundByEntityKey = -2147088239;
    /// <summary>0x80041103 QueryBuilderNoAttribute.</summary>
    public const int QueryBuilderNoAttribute = -2147217149;
    /// <summary>0x80041102 QueryBuilderNoEntity.</summary>
    public const int QueryBuilderNoEntity = -2147217150;
    /// <summary>0x80044331 string length validation.</summary>
    public const int StringLengthTooLong = -2147204303;
    /// <summary>0x8004431A choice value outside the valid range.</summary>
    public const int InvalidOptionSetValue = -2147204326;
    /// <summary>Number outside the column's range (reported with InvalidArgument).</summary>
    public const int ValueOutOfRange = InvalidArgument;
    /// <summary>0x80048408 statuscode not valid for the statecode.</summary>
    public const int InvalidStateCodeStatusCode = -2147187704;
    /// <summary>0x80040227 CannotDeleteDueToAssociation (restrict delete).</summary>
    public const int CannotDeleteDueToAssociation = -2147220953;
    /// <summary>0x80040507 AccountLoopBeingCreated: a parent lookup that would make a record its own ancestor.</summary>
    public const int AccountLoopBeingCreated = -2147220217;
    /// <summary>0x80044182 SdkCorrelationTokenDepthTooHigh (infinite loop).</summary>
    public const int DepthTooHigh = -2147204734;
    /// <summary>0x80040265 IsvAborted: an InvalidPluginExecutionException without its own code.</summary>
    public const int IsvAborted = -2147220891;
    /// <summary>0x80040224 IsvUnExpected: any other exception thrown by a plug-in.</summary>
    public const int IsvUnExpected = -2147220956;
    /// <summary>0x8004E023 AggregateQueryRecordLimitExceeded.</summary>
    public const int AggregateQueryRecordLimitExceeded = -2147164125;
    /// <summary>0x80040216 UnrecognizedRequest / unexpected request.</summary>
    public const int UnrecognizedRequest = -2147220970;
    /// <summary>0x80048459 ExecuteMultiple batch size exceeded (fault before execution).</summary>
    public const int ExecuteMultipleBatchSizeExceeded = -2147187623;
    /// <summary>0x80040278 duplicate N:N association (reported as DuplicateRecord by the platform).</summary>
    public const int DuplicateAssociation = DuplicateRecord;
    /// <summary>0x80060882 ConcurrencyVersionMismatch: the RowVersion of an IfRowVersionMatches write is not the stored one.</summary>
    public const int ConcurrencyVersionMismatch = -2147088254;
    /// <summary>0x8006088D ConcurrencyVersionNotProvided: IfRowVersionMatches without a RowVersion.</summary>
    public const int ConcurrencyVersionNotProvided = -2147088243;
    /// <summary>0x8004F500 required custom API parameter missing.</summary>
    public const int CustomApiParameterMissing = InvalidArgument;
}

/// <summary>Builds the <see cref="FaultException{OrganizationServiceFault}"/> instances the platform returns.</summary>
public static class Faults
{
    public static FaultException<OrganizationServiceFault> Create(int errorCode, string message, string? traceText = null)
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = errorCode,
            Message = message,
            Timestamp = DateTime.UtcNow,
            TraceText = traceText,
        };
        return new FaultException<OrganizationServiceFault>(fault, new FaultReason(message));
    }

    internal static FaultException<OrganizationServiceFault> NotFound(string entity, Guid id) =>
        Create(ErrorCodes.ObjectDoesNotExist, string.Format(CultureInfo.InvariantCulture, "Entity '{0}' With Id = {1} Does Not Exist", entity, id));

    internal static FaultException<OrganizationServiceFault> UnknownEntity(string entity) =>
        Create(ErrorCodes.QueryBuilderNoEntity, $"The entity with a name = '{entity}' with namemapping = 'Logical' was not found in the MetadataCache.");

    internal static FaultException<OrganizationServiceFault> UnknownAttribute(string entity, string attribute) =>
        Create(ErrorCodes.QueryBuilderNoAttribute, $"'{entity}' entity doesn't contain attribute with Name = '{attribute}' and NameMapping = 'Logical'.");

    internal static FaultException<OrganizationServiceFault> Invalid(string message) => Create(ErrorCodes.InvalidArgument, message);
}
