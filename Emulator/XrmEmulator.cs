namespace AccountPlanXrm.Emulator;

/// <summary>
/// An in-memory Dataverse organization: metadata and plug-in steps read from an unpacked solution, a store
/// with Dataverse's write rules, the query engine and the plug-in pipeline with per-request rollback.
/// Create one per test with <see cref="Builder"/>; instances share nothing mutable. This class is the facade:
/// the work is done by its parts (see Emulator/README.md), and every public call is serialized by one lock.
/// </summary>
public sealed class XrmEmulator
{
    private readonly object _sync = new();
    private readonly Func<Guid> _newId;
    private readonly StepRegistry _steps;
    private DateTime _utcNow;
    private long _sequence;
    private long _internalIds;

    internal XrmEmulator(EmulatorBuilder builder, SolutionDefinition solution, IReadOnlyList<BoundStep> steps, Dictionary<string, Type> customApiPlugins)
    {
        Solution = solution;
        Metadata = solution.Metadata;
        _utcNow = DateTime.SpecifyKind(builder.UtcNow, DateTimeKind.Utc);
        _newId = builder.IdSource ?? DeterministicIds(builder.IdSeed);
        MaxDepth = builder.MaxDepth;
        OrganizationId = builder.OrganizationId;
        OrganizationName = builder.OrganizationName;
        RootBusinessUnitId = builder.BusinessUnitId;
        SystemUserId = builder.SystemUserId;
        CallingUserId = builder.CallingUserId;
        BaseCurrencyId = builder.BaseCurrencyId;

        Store = new DataStore(Metadata);
        Locator = new RecordLocator(Store);
        Shared = new SharedValues();
        Records = new RecordWriter(this, Store, Locator, Shared);
        Reader = new RecordReader(this, Store);
        Recorder = new ExecutionRecorder(NextSequence, builder.LogEnabled);
        _steps = new StepRegistry(steps);
        Stages = new StageRunner(this);
        AsyncJobs = new AsyncJobQueue(Store, Stages);
        Messages = new MessageRegistry(_sync);
        Pipeline = new RequestPipeline(this, Store, _steps, Stages, Messages, new CustomApiCatalog(solution.CustomApis, customApiPlugins));
        SecurityHooks = new SecurityHooks();
        InitialRows.Insert(this, Store, builder);
        QuerySource = new EmulatorQuerySource(this);
    }

    /// <summary>Starts the configuration of a new emulator.</summary>
    public static EmulatorBuilder Builder() => new();

    /// <summary>An emulator over the built-in system tables only, without a solution or plug-ins.</summary>
    public static XrmEmulator CreateDefault() => new EmulatorBuilder().Build();

    public SolutionDefinition Solution { get; }

    public MetadataSet Metadata { get; }

    public Guid OrganizationId { get; }

    public string OrganizationName { get; }

    /// <summary>The root business unit, created at start.</summary>
    public Guid RootBusinessUnitId { get; }

    /// <summary>The SYSTEM user (what <c>CreateOrganizationService(null)</c> runs as).</summary>
    public Guid SystemUserId { get; }

    /// <summary>The default calling user of <see cref="GetService()"/>.</summary>
    public Guid CallingUserId { get; }

    /// <summary>The organization's base currency (USD, exchange rate 1).</summary>
    public Guid BaseCurrencyId { get; }

    /// <summary>Depth above which a request fails as an infinite loop (the platform's default is 8).</summary>
    public int MaxDepth { get; }

    /// <summary>The message handlers of this emulator: add a message or replace a built-in one for a test.</summary>
    public MessageRegistry Messages { get; }

    internal DataStore Store { get; }
    internal RecordLocator Locator { get; }
    internal SharedValues Shared { get; }
    internal RecordWriter Records { get; }
    internal RecordReader Reader { get; }
    internal ExecutionRecorder Recorder { get; }
    internal StageRunner Stages { get; }
    internal AsyncJobQueue AsyncJobs { get; }
    internal RequestPipeline Pipeline { get; }
    internal SecurityHooks SecurityHooks { get; }
    internal EmulatorQuerySource QuerySource { get; }
    internal object SyncRoot => _sync;

    /// <summary>The emulator clock (UTC). Every write stamps createdon/modifiedon with it.</summary>
    public DateTime UtcNow => Locked(() => _utcNow);

    internal DateTime Now => _utcNow;

    /// <summary>Sets the clock.</summary>
    public void SetUtcNow(DateTime utcNow) => Locked(() => _utcNow = EmulatorBuilder.ToUtc(utcNow));

    /// <summary>Moves the clock forward.</summary>
    public void AdvanceTime(TimeSpan by) => Locked(() => _utcNow = _utcNow.Add(by));

    /// <summary>A service acting as the default calling user.</summary>
    public IOrganizationService GetService() => GetService(CallingUserId);

    /// <summary>A service acting as the given user (a systemuser row).</summary>
    public IOrganizationService GetService(Guid userId) => new OrganizationService(this, TopLevelCaller(userId));

    /// <summary>A service acting as SYSTEM.</summary>
    public IOrganizationService GetSystemService() => GetService(SystemUserId);

    /// <summary>The factory a host would hand to code that creates services (null = SYSTEM, Guid.Empty = calling user).</summary>
    public IOrganizationServiceFactory GetServiceFactory() => new TopLevelServiceFactory(this);

    /// <summary>Creates a user in the given (default: root) business unit and returns its id.</summary>
    public Guid CreateUser(string firstName, string lastName, Guid? id = null, Guid? businessUnitId = null) =>
        GetSystemService().Create(new Entity("systemuser", id ?? Guid.Empty)
        {
            ["firstname"] = firstName,
            ["lastname"] = lastName,
            ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? RootBusinessUnitId),
        });

    /// <summary>Creates records as SYSTEM without running custom plug-ins (BypassCustomPluginExecution).</summary>
    public void Seed(params Entity[] records)
    {
        var service = GetSystemService();
        foreach (var record in records)
        {
            var request = new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = record };
            request.Parameters["BypassCustomPluginExecution"] = true;
            var response = (Microsoft.Xrm.Sdk.Messages.CreateResponse)service.Execute(request);
            if (record.Id == Guid.Empty)
            {
                record.Id = response.id;
            }
        }
    }

    /// <summary>A copy of the stored row (all columns, no formatted values), or null. For assertions.</summary>
    public Entity? Peek(string entityName, Guid id) =>
        Locked(() => Store.GetTable(entityName)?.Find(id) is { } row ? EntityCopy.Clone(row.Entity) : null);

    /// <summary>Number of live rows of a table. For assertions.</summary>
    public int Count(string entityName) => Locked(() => Store.GetTable(entityName)?.Count ?? 0);

    /// <summary>Registers an ad-hoc step (in addition to the solution's).</summary>
    public void RegisterStep(StepRegistration registration) => Locked(() => _steps.Add(new BoundStep(registration)));

    /// <summary>Executed steps and main operations, in order.</summary>
    public IReadOnlyList<ExecutionLogEntry> ExecutionLog => Locked(() => Recorder.Entries);

    /// <summary>Everything plug-ins wrote to their tracing service, one record per execution.</summary>
    public IReadOnlyList<TraceRecord> Traces => Locked(() => Recorder.Traces);

    /// <summary>Clears the execution log and the traces.</summary>
    public void ClearLogs() => Locked(Recorder.Clear);

    /// <summary>Asynchronous jobs queued by committed requests and not yet run.</summary>
    public int PendingAsyncJobs => Locked(() => AsyncJobs.Count);

    /// <summary>
    /// Runs the queued asynchronous steps (and any they queue in turn) in order. A failing job is reported and
    /// never undoes the request that queued it.
    /// </summary>
    public IReadOnlyList<AsyncJobResult> DrainAsync(int maxJobs = 10_000) => Locked(() => AsyncJobs.Drain(maxJobs));

    /// <summary>The security model once <see cref="EnableSecurity"/> was called; null while every caller may do everything.</summary>
    public EmulatorSecurity? Security => Locked(() => SecurityHooks.Security);

    /// <summary>
    /// Turns on Dataverse security: from now on every request of a user other than SYSTEM is checked against the
    /// roles of the user and the user's teams (the solution's <c>Roles/*.xml</c> and System Administrator).
    /// The default calling user (<see cref="CallingUserId"/>) gets System Administrator so existing set-up code keeps working.
    /// </summary>
    public EmulatorSecurity EnableSecurity() => Locked(() => SecurityHooks.Enable(this));

    /// <summary>Entry point of every service call: serializes access and dispatches.</summary>
    internal OrganizationResponse ExecuteRequest(OrganizationRequest request, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_sync)
        {
            return Pipeline.Dispatch(request, caller);
        }
    }

    /// <summary><see cref="IOrganizationService.Create"/> without request objects when nothing observes them (null: take the request path).</summary>
    internal Guid? TryCreateWithoutPipeline(Entity? target, Caller caller)
    {
        lock (_sync)
        {
            return Pipeline.TryCreateWithoutPipeline(target, caller);
        }
    }

    internal Caller TopLevelCaller(Guid userId) => new()
    {
        UserId = userId,
        InitiatingUserId = userId,
        BusinessUnitId = BusinessUnitOf(userId),
        Depth = 1,
        Parent = null,
        InTransaction = false,
        CorrelationId = Guid.Empty,
    };

    internal Guid BusinessUnitOf(Guid userId) =>
        Store.GetTable("systemuser")?.Find(userId)?.Entity.Attributes.TryGetValue("businessunitid", out var bu) == true && bu is EntityReference r ? r.Id : RootBusinessUnitId;

    internal Guid NewId() => _newId();

    /// <summary>Ids for operations and correlations: deterministic and independent of the record id source.</summary>
    internal Guid NewInternalId()
    {
        var n = ++_internalIds;
        return new Guid((int)(n >> 32), (short)(n >> 16), (short)n, 0xC0, 0, 0, 0, 0, 0, 0, 0x01);
    }

    /// <summary>One sequence for row versions and log entries.</summary>
    internal long NextSequence() => ++_sequence;

    // The record rules other parts (security) reach through the facade.
    internal Table TableOrFault(string? logicalName) => Locator.TableOrFault(logicalName);

    internal Guid? FindByKey(Table table, KeyAttributeCollection keyAttributes) => Locator.FindByKey(table, keyAttributes);

    internal Guid? TargetId(Table table, Entity target) => Locator.TargetId(table, target);

    internal void SetRoleRow(Guid principalId, Guid roleId, bool team, bool assigned) => InitialRows.SetRoleRow(Store, principalId, roleId, team, assigned);

    private T Locked<T>(Func<T> read)
    {
        lock (_sync)
        {
            return read();
        }
    }

    private void Locked(Action write)
    {
        lock (_sync)
        {
            write();
        }
    }

    private static Func<Guid> DeterministicIds(int seed)
    {
        long counter = 0;
        return () =>
        {
            var n = Interlocked.Increment(ref counter);
            return new Guid((int)n, (short)(n >> 32), 0x4000, (byte)(0x80 | ((seed >> 8) & 0x3F)), (byte)seed, 0xE1, 0x00, 0x00, 0x00, 0x00, 0x01);
        };
    }

    private sealed class TopLevelServiceFactory(XrmEmulator emulator) : IOrganizationServiceFactory
    {
        public IOrganizationService CreateOrganizationService(Guid? userId) =>
            emulator.GetService(userId == null ? emulator.SystemUserId : userId.Value == Guid.Empty ? emulator.CallingUserId : userId.Value);
    }
}
