using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    internal static class CrmNamespaces
    {
        public const string Contracts2011 = "http://schemas.microsoft.com/crm/2011/Contracts";
    }

    /// <summary>Sets the state and status of a row (deprecated in favour of Update of statecode/statuscode).</summary>
    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class SetStateRequest : OrganizationRequest
    {
        public SetStateRequest()
        {
            RequestName = "SetState";
            EntityMoniker = null;
            State = null;
            Status = null;
        }

        public EntityReference EntityMoniker
        {
            get => Parameters.Contains("EntityMoniker") ? (EntityReference)Parameters["EntityMoniker"] : null;
            set => Parameters["EntityMoniker"] = value;
        }

        public OptionSetValue State
        {
            get => Parameters.Contains("State") ? (OptionSetValue)Parameters["State"] : null;
            set => Parameters["State"] = value;
        }

        public OptionSetValue Status
        {
            get => Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : null;
            set => Parameters["Status"] = value;
        }
    }

    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class SetStateResponse : OrganizationResponse
    {
    }

    /// <summary>Returns the calling user, business unit and organization.</summary>
    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class WhoAmIRequest : OrganizationRequest
    {
        public WhoAmIRequest()
        {
            RequestName = "WhoAmI";
        }
    }

    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class WhoAmIResponse : OrganizationResponse
    {
        public Guid UserId => Results.Contains("UserId") ? (Guid)Results["UserId"] : default(Guid);

        public Guid BusinessUnitId => Results.Contains("BusinessUnitId") ? (Guid)Results["BusinessUnitId"] : default(Guid);

        public Guid OrganizationId => Results.Contains("OrganizationId") ? (Guid)Results["OrganizationId"] : default(Guid);
    }
    /// <summary>Closes an opportunity as won (learn.microsoft.com: WinOpportunityRequest, properties OpportunityClose and Status).</summary>
    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class WinOpportunityRequest : OrganizationRequest
    {
        public WinOpportunityRequest()
        {
            RequestName = "WinOpportunity";
            OpportunityClose = null;
            Status = null;
        }

        public Entity OpportunityClose
        {
            get => Parameters.Contains("OpportunityClose") ? (Entity)Parameters["OpportunityClose"] : null;
            set => Parameters["OpportunityClose"] = value;
        }

        public OptionSetValue Status
        {
            get => Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : null;
            set => Parameters["Status"] = value;
        }
    }

    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class WinOpportunityResponse : OrganizationResponse
    {
    }

    /// <summary>Closes an opportunity as lost (learn.microsoft.com: LoseOpportunityRequest, properties OpportunityClose and Status).</summary>
    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class LoseOpportunityRequest : OrganizationRequest
    {
        public LoseOpportunityRequest()
        {
            RequestName = "LoseOpportunity";
            OpportunityClose = null;
            Status = null;
        }

        public Entity OpportunityClose
        {
            get => Parameters.Contains("OpportunityClose") ? (Entity)Parameters["OpportunityClose"] : null;
            set => Parameters["OpportunityClose"] = value;
        }

        public OptionSetValue Status
        {
            get => Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : null;
            set => Parameters["Status"] = value;
        }
    }

    [DataContract(Namespace = CrmNamespaces.Contracts2011)]
    public sealed class LoseOpportunityResponse : OrganizationResponse
    {
    }
}
