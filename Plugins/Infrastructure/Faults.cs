using System.ServiceModel;
using Microsoft.Xrm.Sdk;

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

        public static bool Is(FaultException<OrganizationServiceFault> fault, int code) =>
            fault.Detail != null && fault.Detail.ErrorCode == code;

        public static bool IsDuplicate(FaultException<OrganizationServiceFault> fault) =>
            Is(fault, DuplicateRecord) || Is(fault, DuplicateRecordEntityKey);
    }
}
