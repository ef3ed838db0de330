namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>Well-known SDK message ids (identical in every organization), as steps name them in <c>SdkMessageId</c>.</summary>
public static class WellKnownMessages
{
    /// <summary>Message name by normalized id.</summary>
    public static readonly IReadOnlyDictionary<string, string> ById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Create",
        ["20bebb1b-ea3e-db11-86a7-000a3a5473e8"] = "Update",
        ["a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Delete",
        ["8cbdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Assign",
        ["f2bdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Retrieve",
        ["03bebb1b-ea3e-db11-86a7-000a3a5473e8"] = "RetrieveMultiple",
        ["1cbebb1b-ea3e-db11-86a7-000a3a5473e8"] = "SetState",
        ["1dbebb1b-ea3e-db11-86a7-000a3a5473e8"] = "SetStateDynamicEntity",
        ["dbbdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "Merge",
        ["c5bdbb1b-ea3e-db11-86a7-000a3a5473e8"] = "GrantAccess",
    };
}
