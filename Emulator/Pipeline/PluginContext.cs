namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>Who issues a request and where it runs: depth, parent context and the enclosing transaction.</summary>
internal sealed class Caller
{
    public Guid UserId { get; init; }
    public Guid InitiatingUserId { get; init; }
    public Guid BusinessUnitId { get; init; }
    public int Depth { get; init; } = 1;
    public PluginContext? Parent { get; init; }
    public bool InTransaction { get; init; }
    public Guid CorrelationId { get; init; }

    /// <summary>
    /// Set on the Update a close message (WinOpportunity, LoseOpportunity) performs itself: only that update may move
    /// an opportunity to Won or Lost.
    /// </summary>
    public bool PlatformClose { get; init; }

    /// <summary>A copy with the given changes; a new <paramref name="parent"/> also passes on its correlation id.</summary>
    public Caller With(int? depth = null, bool? inTransaction = null, bool platformClose = false, PluginContext? parent = null) => new()
    {
        PlatformClose = platformClose,
        UserId = UserId,
        InitiatingUserId = InitiatingUserId,
        BusinessUnitId = BusinessUnitId,
        Depth = depth ?? Depth,
        Parent = parent ?? Parent,
        InTransaction = inTransaction ?? InTransaction,
        CorrelationId = parent?.CorrelationId ?? CorrelationId,
    };
}

/// <summary>The execution context handed to a plug-in (IPluginExecutionContext and its extensions up to 7).</summary>
internal sealed class PluginContext : IPluginExecutionContext7
{
    public int Mode { get; set; }
    public int IsolationMode { get; set; } = 2;
    public int Depth { get; set; } = 1;
    public string MessageName { get; set; } = "";
    public string PrimaryEntityName { get; set; } = "none";
    public Guid? RequestId { get; set; }
    public string SecondaryEntityName { get; set; } = "none";
    public ParameterCollection InputParameters { get; set; } = [];
    public ParameterCollection OutputParameters { get; set; } = [];
    public ParameterCollection SharedVariables { get; set; } = [];
    public Guid UserId { get; set; }
    public Guid InitiatingUserId { get; set; }
    public Guid BusinessUnitId { get; set; }
    public Guid OrganizationId { get; set; }
    public string OrganizationName { get; set; } = "";
    public Guid PrimaryEntityId { get; set; }
    public EntityImageCollection PreEntityImages { get; set; } = [];
    public EntityImageCollection PostEntityImages { get; set; } = [];
    public EntityReference OwningExtension { get; set; } = new();
    public Guid CorrelationId { get; set; }
    public bool IsExecutingOffline { get; set; }
    public bool IsOfflinePlayback { get; set; }
    public bool IsInTransaction { get; set; }
    public Guid OperationId { get; set; }
    public DateTime OperationCreatedOn { get; set; }
    public int Stage { get; set; }
    public IPluginExecutionContext? ParentContext { get; set; }

    IPluginExecutionContext IPluginExecutionContext.ParentContext => ParentContext!;

    public Guid UserAzureActiveDirectoryObjectId { get; set; }
    public Guid InitiatingUserAzureActiveDirectoryObjectId { get; set; }
    public Guid InitiatingUserApplicationId { get; set; }
    public Guid PortalsContactId { get; set; }
    public bool IsPortalsClientCall { get; set; }
    public Guid AuthenticatedUserId { get; set; }
    public EntityImageCollection[] PreEntityImagesCollection => [PreEntityImages];
    public EntityImageCollection[] PostEntityImagesCollection => [PostEntityImages];
    public string InitiatingUserAgent { get; set; } = "AccountPlanXrm.Emulator";
    public string EnvironmentId { get; set; } = "";
    public Guid TenantId { get; set; }
    public bool IsApplicationUser { get; set; }

    /// <summary>
    /// A step's own context from the request's template: the fields every step of the request shares (message, target,
    /// caller, organization, operation, InputParameters); images and stage settings are the step's own.
    /// </summary>
    public PluginContext CopyForStep() => new()
    {
        MessageName = MessageName,
        PrimaryEntityName = PrimaryEntityName,
        PrimaryEntityId = PrimaryEntityId,
        UserId = UserId,
        InitiatingUserId = InitiatingUserId,
        BusinessUnitId = BusinessUnitId,
        OrganizationId = OrganizationId,
        OrganizationName = OrganizationName,
        Depth = Depth,
        CorrelationId = CorrelationId,
        OperationId = OperationId,
        OperationCreatedOn = OperationCreatedOn,
        RequestId = RequestId,
        InputParameters = InputParameters,
        AuthenticatedUserId = AuthenticatedUserId,
    };

    /// <summary>A copy for an asynchronous job: own parameter collections, not in a transaction.</summary>
    public PluginContext CloneForAsync()
    {
        var copy = (PluginContext)MemberwiseClone();
        copy.InputParameters = CopyParameters(InputParameters);
        copy.OutputParameters = CopyParameters(OutputParameters);
        copy.SharedVariables = CopyParameters(SharedVariables);
        copy.Mode = 1;
        copy.IsInTransaction = false;
        return copy;
    }

    internal static ParameterCollection CopyParameters(ParameterCollection source)
    {
        var copy = new ParameterCollection();
        foreach (var item in source)
        {
            copy[item.Key] = Store.EntityCopy.CloneValue(item.Value)!;
        }

        return copy;
    }
}
