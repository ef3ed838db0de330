namespace AccountPlanXrm.Plugins.Infrastructure
{
    /// <summary>Dataverse error codes the logic reacts to.</summary>
    public static class Faults
    {
        /// <summary>AggregateQueryRecordLimit: an aggregate query evaluated more than 50,000 rows (0x8004E023).</summary>
        public const int AggregateQueryRecordLimit = -2147164125;

        /// <summary>DuplicateRecord: a row with the same primary key exists (0x80040237).</summary>
        public const int DuplicateRecord = -2147220937;

        /// <summary>DuplicateRecordEntityKey: a row with the same alternate key values exists (0x80060892).</summary>
        public const int DuplicateRecordEntityKey = -2147088238;

        /// <summary>PrivilegeDenied: the caller holds the privilege at no depth (0x80040220).</summary>
        public const int PrivilegeDenied = -2147220960;

        /// <summary>AccessDenied: the caller's privilege depth or sharing does not reach the record (0x80048306).</summary>
        public const int AccessDenied = -2147187962;

        /// <summary>ConcurrencyVersionMismatch: the row changed since it was read (IfRowVersionMatches, 0x80060882).</summary>
        public const int ConcurrencyVersionMismatch = -2147088254;

        public static bool Is(FaultException<OrganizationServiceFault> fault, int code) =>
            fault.Detail != null && fault.Detail.ErrorCode == code;

        public static bool IsDuplicate(FaultException<OrganizationServiceFault> fault) =>
            Is(fault, DuplicateRecord) || Is(fault, DuplicateRecordEntityKey);

        /// <summary>The caller may not read (or otherwise access) the record.</summary>
        public static bool IsAccessDenied(FaultException<OrganizationServiceFault> fault) =>
            Is(fault, PrivilegeDenied) || Is(fault, AccessDenied);
    }
}
