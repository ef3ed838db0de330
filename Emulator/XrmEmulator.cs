using System.Reflection;
using AccountPlanXrm.Emulator.Messages;
using AccountPlanXrm.Emulator.Metadata;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Store;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator;

/// <summary>
/// An in-memory Dataverse organization: metadata and plug-in steps read from an unpacked solution, a store
/// with Dataverse's write rules, the query engine and the plug-in pipeline with per-request rollback.
/// Create one per test with <see cref="Builder"/>; instances share nothing mutable.
/// </summary>
public sealed partial class XrmEmulator
{
    private readonly object _sync = new();
    private readonly Func<Guid> _newId;
    private readonly StepRegistry _steps;
    private readonly Dictionary<string, CustomApiDefinition> _customApis;
    private readonly Dictionary<string, Type> _customApiPlugins;
    private readonly List<AsyncJob> _asyncQueue = [];
    private readonly List<ExecutionLogEntry> _log = [];
    private readonly List<TraceRecord> _traces = [];
    private readonly bool _logEnabled;
    private DateTime _utcNow;
    private long _sequence;
    private long _internalIds;

    internal XrmEmulator(EmulatorBuilder builder, SolutionDefinition solution, IReadOnlyList<BoundStep> steps, Dictionary<string, Type> customApiPlugins)
    {
        Solution = solution;
        Metadata = solution.Metadata;
        Store = new DataStore(Metadata);
        _utcNow = DateTime.SpecifyKind(builder.UtcNow, DateTimeKind.Utc);
        _newId = builder.IdSource ?? DeterministicIds(builder.IdSeed);
        _steps = new StepRegistry(steps);
        _customApis = solution.CustomApis.ToDictionary(a => a.UniqueName, StringComparer.OrdinalIgnoreCase);
        _customApiPlugins = customApiPlugins;
        _logEnabled = builder.LogEnabled;
        MaxDepth = builder.MaxDepth;
        OrganizationId = builder.OrganizationId;
        OrganizationName = builder.OrganizationName;
        RootBusinessUnitId = builder.BusinessUnitId;
        SystemUserId = builder.SystemUserId;
        CallingUserId = builder.CallingUserId;
        BaseCurrencyId = builder.BaseCurrencyId;
        Seed(builder);
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

    internal DataStore Store { get; }

    internal EmulatorQuerySource QuerySource { get; }

    /// <summary>The emulator clock (UTC). Every write stamps createdon/modifiedon with it.</summary>
    public DateTime UtcNow
    {
        get
        {
            lock (_sync)
            {
                return _utcNow;
            }
        }
    }

    internal DateTime Now => _utcNow;

    /// <summary>Sets the clock.</summary>
    public void SetUtcNow(DateTime utcNow)
    {
        lock (_sync)
        {
            _utcNow = utcNow.Kind == DateTimeKind.Local ? utcNow.ToUniversalTime() : DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        }
    }

    /// <summary>Moves the clock forward.</summary>
    public void AdvanceTime(TimeSpan by)
    {
        lock (_sync)
        {
            _utcNow = _utcNow.Add(by);
        }
    }

    /// <summary>A service acting as the default calling user.</summary>
    public IOrganizationService GetService() => GetService(CallingUserId);

    /// <summary>A service acting as the given user (a systemuser row).</summary>
    public IOrganizationService GetService(Guid userId) => new OrganizationService(this, TopLevelCaller(userId));

    /// <summary>A service acting as SYSTEM.</summary>
    public IOrganizationService GetSystemService() => GetService(SystemUserId);

    /// <summary>The factory a host would hand to code that creates services (null = SYSTEM, Guid.Empty = calling user).</summary>
    public IOrganizationServiceFactory GetServiceFactory() => new TopLevelServiceFactory(this);

    /// <summary>Creates a user in the given (default: root) business unit and returns its id.</summary>
    public Guid CreateUser(string firstName, string lastName, Guid? id = null, Guid? businessUnitId = null)
    {
        var user = new Entity("systemuser", id ?? Guid.Empty)
        {
            ["firstname"] = firstName,
            ["lastname"] = lastName,
            ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? RootBusinessUnitId),
        };
        return GetSystemService().Create(user);
    }

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
    public Entity? Peek(string entityName, Guid id)
    {
        lock (_sync)
        {
            var row = Store.GetTable(entityName)?.Find(id);
            return row == null ? null : EntityCopy.Clone(row.Entity);
        }
    }

    /// <summary>Number of live rows of a table. For assertions.</summary>
    public int Count(string entityName)
    {
        lock (_sync)
        {
            return Store.GetTable(entityName)?.Count ?? 0;
        }
    }

    /// <summary>Registers an ad-hoc step (in addition to the solution's).</summary>
    public void RegisterStep(StepRegistration registration)
    {
        lock (_sync)
        {
            _steps.Add(new BoundStep(registration));
        }
    }

    /// <summary>Executed steps and main operations, in order.</summary>
    public IReadOnlyList<ExecutionLogEntry> ExecutionLog
    {
        get
        {
            lock (_sync)
            {
                return _log.ToArray();
            }
        }
    }

    /// <summary>Everything plug-ins wrote to their tracing service, one record per execution.</summary>
    public IReadOnlyList<TraceRecord> Traces
    {
        get
        {
            lock (_sync)
            {
                return _traces.ToArray();
            }
        }
    }

    /// <summary>Clears the execution log and the traces.</summary>
    public void ClearLogs()
    {
        lock (_sync)
        {
            _log.Clear();
            _traces.Clear();
        }
    }

    /// <summary>Asynchronous jobs queued by committed requests and not yet run.</summary>
    public int PendingAsyncJobs
    {
        get
        {
            lock (_sync)
            {
                return _asyncQueue.Count;
            }
        }
    }

    /// <summary>
    /// Runs the queued asynchronous steps (and any they queue in turn) in order. A failing job is reported and
    /// never undoes the request that queued it.
    /// </summary>
    public IReadOnlyList<AsyncJobResult> DrainAsync(int maxJobs = 10_000)
    {
        var results = new List<AsyncJobResult>();
        lock (_sync)
        {
            while (_asyncQueue.Count > 0 && results.Count < maxJobs)
            {
                var job = _asyncQueue[0];
                _asyncQueue.RemoveAt(0);
                string? error = null;
                try
                {
                    InvokeStep(job.Step, job.Context);
                }
                catch (Exception ex)
                {
                    error = ex.Message;
                }

                Store.CommitAll();
                results.Add(new AsyncJobResult(
                    job.Step.PluginType.FullName ?? job.Step.PluginType.Name,
                    job.Context.MessageName,
                    job.Context.PrimaryEntityName,
                    job.Context.PrimaryEntityId,
                    error == null ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed,
                    error));
            }
        }

        return results;
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

    internal Guid BusinessUnitOf(Guid userId)
    {
        var row = Store.GetTable("systemuser")?.Find(userId);
        return row != null && row.Entity.Attributes.TryGetValue("businessunitid", out var bu) && bu is EntityReference r ? r.Id : RootBusinessUnitId;
    }

    internal Guid NewId() => _newId();

    /// <summary>Ids for operations and correlations: deterministic and independent of the record id source.</summary>
    internal Guid NewInternalId()
    {
        var n = ++_internalIds;
        return new Guid((int)(n >> 32), (short)(n >> 16), (short)n, 0xC0, 0, 0, 0, 0, 0, 0, 0x01);
    }

    internal long NextSequence() => ++_sequence;

    internal void Log(string message, string entity, Guid id, int stage, int mode, int depth, BoundStep? step, ExecutionOutcome outcome, string? error)
    {
        if (_logEnabled || step != null)
        {
            _log.Add(new ExecutionLogEntry(NextSequence(), message, entity, id, stage, mode, depth, step?.PluginType.FullName, step?.Name, outcome, error));
        }
    }

    internal void AddTrace(TraceRecord record) => _traces.Add(record);

    private static Func<Guid> DeterministicIds(int seed)
    {
        long counter = 0;
        return () =>
        {
            var n = Interlocked.Increment(ref counter);
            return new Guid((int)n, (short)(n >> 32), 0x4000, (byte)(0x80 | ((seed >> 8) & 0x3F)), (byte)seed, 0xE1, 0x00, 0x00, 0x00, 0x00, 0x01);
        };
    }

    private void Seed(EmulatorBuilder builder)
    {
        var now = _utcNow;
        var system = new EntityReference("systemuser", SystemUserId);

        Entity Stamp(Entity e)
        {
            e["createdon"] = now;
            e["modifiedon"] = now;
            e["createdby"] = system;
            e["modifiedby"] = system;
            return e;
        }

        var bu = Stamp(new Entity("businessunit", RootBusinessUnitId) { ["businessunitid"] = RootBusinessUnitId, ["name"] = builder.BusinessUnitName, ["isdisabled"] = false });
        Store.Insert(Store.GetTable("businessunit")!, bu);

        var buRef = new EntityReference("businessunit", RootBusinessUnitId);
        var systemUser = Stamp(new Entity("systemuser", SystemUserId)
        {
            ["systemuserid"] = SystemUserId,
            ["fullname"] = "SYSTEM",
            ["lastname"] = "SYSTEM",
            ["businessunitid"] = buRef,
            ["isdisabled"] = false,
        });
        Store.Insert(Store.GetTable("systemuser")!, systemUser);

        if (CallingUserId != SystemUserId)
        {
            var user = Stamp(new Entity("systemuser", CallingUserId)
            {
                ["systemuserid"] = CallingUserId,
                ["firstname"] = builder.CallingUserFirstName,
                ["lastname"] = builder.CallingUserLastName,
                ["fullname"] = $"{builder.CallingUserFirstName} {builder.CallingUserLastName}".Trim(),
                ["businessunitid"] = buRef,
                ["isdisabled"] = false,
            });
            Store.Insert(Store.GetTable("systemuser")!, user);
        }

        var currency = Stamp(new Entity("transactioncurrency", BaseCurrencyId)
        {
            ["transactioncurrencyid"] = BaseCurrencyId,
            ["currencyname"] = "US Dollar",
            ["isocurrencycode"] = "USD",
            ["currencysymbol"] = "$",
            ["exchangerate"] = 1m,
            ["currencyprecision"] = 2,
            ["statecode"] = new OptionSetValue(0),
            ["statuscode"] = new OptionSetValue(1),
        });
        Store.Insert(Store.GetTable("transactioncurrency")!, currency);
        if (Store.GetTable("organization") is { } organizations)
        {
            Store.Insert(organizations, Stamp(new Entity("organization", OrganizationId)
            {
                ["organizationid"] = OrganizationId,
                ["name"] = OrganizationName,
                ["basecurrencyid"] = new EntityReference("transactioncurrency", BaseCurrencyId),
            }));
        }

        // Security roles as rows (role, systemuserroles, teamroles), so plug-ins can ask who holds which role: the
        // solution's roles and System Administrator in the root business unit; SYSTEM and the default calling user hold
        // System Administrator (EnableSecurity keeps the rows in step with role assignments).
        if (Store.GetTable("role") is { } roles)
        {
            foreach (var role in AccountPlanXrm.Emulator.Security.RoleCatalog.Load(Solution.Folder).Values.Append(AccountPlanXrm.Emulator.Security.SecurityRole.SystemAdministrator))
            {
                if (role.Id != Guid.Empty && roles.Find(role.Id) == null)
                {
                    Store.Insert(roles, Stamp(new Entity("role", role.Id) { ["roleid"] = role.Id, ["name"] = role.Name, ["businessunitid"] = buRef }));
                }
            }

            SetRoleRow(SystemUserId, AccountPlanXrm.Emulator.Security.SecurityRole.SystemAdministratorId, team: false, assigned: true);
            SetRoleRow(CallingUserId, AccountPlanXrm.Emulator.Security.SecurityRole.SystemAdministratorId, team: false, assigned: true);
        }

        Store.CommitAll();
    }

    /// <summary>Adds or removes the row of a role assignment (systemuserroles for a user, teamroles for a team), with a stable id.</summary>
    internal void SetRoleRow(Guid principalId, Guid roleId, bool team, bool assigned)
    {
        var (tableName, principalColumn) = team ? ("teamroles", "teamid") : ("systemuserroles", "systemuserid");
        if (Store.GetTable(tableName) is not { } table || roleId == Guid.Empty)
        {
            return;
        }

        var existing = table.RowsByIndex(principalColumn, principalId)
            .FirstOrDefault(r => !r.Deleted && r.Entity.Attributes.TryGetValue("roleid", out var v) && v is Guid g && g == roleId);
        if (assigned && existing == null)
        {
            var id = new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{tableName}:{principalId}:{roleId}")));
            Store.Insert(table, new Entity(tableName, id) { [table.Metadata.PrimaryIdAttribute] = id, [principalColumn] = principalId, ["roleid"] = roleId });
        }
        else if (!assigned && existing != null)
        {
            Store.Delete(table, existing);
        }
    }

    private sealed class TopLevelServiceFactory(XrmEmulator emulator) : IOrganizationServiceFactory
    {
        public IOrganizationService CreateOrganizationService(Guid? userId) =>
            emulator.GetService(userId == null ? emulator.SystemUserId : userId.Value == Guid.Empty ? emulator.CallingUserId : userId.Value);
    }
}

/// <summary>A queued asynchronous step execution.</summary>
internal sealed record AsyncJob(BoundStep Step, PluginContext Context);

/// <summary>Configures and builds an <see cref="XrmEmulator"/>.</summary>
public sealed class EmulatorBuilder
{
    private readonly List<Assembly> _assemblies = [];
    private readonly List<StepRegistration> _adHoc = [];
    private readonly Dictionary<Guid, string> _secureConfigurations = [];
    private readonly Dictionary<string, Type> _customApiPlugins = new(StringComparer.OrdinalIgnoreCase);
    private SolutionDefinition? _solution;

    internal DateTime UtcNow { get; private set; } = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);
    internal Func<Guid>? IdSource { get; private set; }
    internal int IdSeed { get; private set; }
    internal int MaxDepth { get; private set; } = 8;
    internal bool LogEnabled { get; private set; } = true;
    internal Guid OrganizationId { get; private set; } = new("0f0f0f0f-0000-4000-8000-000000000001");
    internal string OrganizationName { get; private set; } = "emulator";
    internal Guid BusinessUnitId { get; private set; } = new("0b0b0b0b-0000-4000-8000-000000000001");
    internal string BusinessUnitName { get; private set; } = "Root Business Unit";
    internal Guid SystemUserId { get; private set; } = new("05050505-0000-4000-8000-000000000001");
    internal Guid CallingUserId { get; private set; } = new("0a0a0a0a-0000-4000-8000-000000000001");
    internal string CallingUserFirstName { get; private set; } = "Test";
    internal string CallingUserLastName { get; private set; } = "User";
    internal Guid BaseCurrencyId { get; private set; } = new("0c0c0c0c-0000-4000-8000-000000000001");

    /// <summary>Reads metadata, steps and custom APIs from an unpacked solution folder (cached per folder).</summary>
    public EmulatorBuilder WithSolution(string folder)
    {
        _solution = SolutionDefinition.Load(folder);
        return this;
    }

    /// <summary>Uses an already loaded solution definition.</summary>
    public EmulatorBuilder WithSolution(SolutionDefinition solution)
    {
        _solution = solution ?? throw new ArgumentNullException(nameof(solution));
        return this;
    }

    /// <summary>Binds the solution's plug-in steps and custom APIs to the types of this assembly.</summary>
    public EmulatorBuilder WithPluginAssembly(Assembly assembly)
    {
        _assemblies.Add(assembly ?? throw new ArgumentNullException(nameof(assembly)));
        return this;
    }

    /// <summary>Adds an ad-hoc step registration.</summary>
    public EmulatorBuilder WithStep(StepRegistration registration)
    {
        _adHoc.Add(registration ?? throw new ArgumentNullException(nameof(registration)));
        return this;
    }

    /// <summary>Sets the secure configuration of a solution step (the solution never carries it).</summary>
    public EmulatorBuilder WithSecureConfiguration(Guid stepId, string secureConfiguration)
    {
        _secureConfigurations[stepId] = secureConfiguration;
        return this;
    }

    /// <summary>Implements a custom API with this plug-in type (when the solution does not link one).</summary>
    public EmulatorBuilder WithCustomApiPlugin(string uniqueName, Type pluginType)
    {
        _customApiPlugins[uniqueName] = pluginType;
        return this;
    }

    /// <summary>Sets the start time of the clock (UTC).</summary>
    public EmulatorBuilder WithClock(DateTime utcNow)
    {
        UtcNow = utcNow.Kind == DateTimeKind.Local ? utcNow.ToUniversalTime() : DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        return this;
    }

    /// <summary>Supplies record ids (default: a deterministic sequence).</summary>
    public EmulatorBuilder WithIdSource(Func<Guid> idSource)
    {
        IdSource = idSource ?? throw new ArgumentNullException(nameof(idSource));
        return this;
    }

    /// <summary>Varies the default deterministic id sequence.</summary>
    public EmulatorBuilder WithIdSeed(int seed)
    {
        IdSeed = seed;
        return this;
    }

    /// <summary>Sets the default calling user (created at start in the root business unit).</summary>
    public EmulatorBuilder WithCallingUser(Guid userId, string firstName = "Test", string lastName = "User")
    {
        CallingUserId = userId;
        CallingUserFirstName = firstName;
        CallingUserLastName = lastName;
        return this;
    }

    /// <summary>Sets the id and name of the root business unit.</summary>
    public EmulatorBuilder WithBusinessUnit(Guid businessUnitId, string name = "Root Business Unit")
    {
        BusinessUnitId = businessUnitId;
        BusinessUnitName = name;
        return this;
    }

    public EmulatorBuilder WithOrganization(Guid organizationId, string name)
    {
        OrganizationId = organizationId;
        OrganizationName = name;
        return this;
    }

    public EmulatorBuilder WithSystemUser(Guid systemUserId)
    {
        SystemUserId = systemUserId;
        return this;
    }

    public EmulatorBuilder WithBaseCurrency(Guid currencyId)
    {
        BaseCurrencyId = currencyId;
        return this;
    }

    /// <summary>Sets the depth limit (default 8).</summary>
    public EmulatorBuilder WithMaxDepth(int maxDepth)
    {
        MaxDepth = maxDepth;
        return this;
    }

    /// <summary>Logs main operations too (default on); plug-in executions are always logged.</summary>
    public EmulatorBuilder WithOperationLog(bool enabled)
    {
        LogEnabled = enabled;
        return this;
    }

    public XrmEmulator Build()
    {
        var solution = _solution ?? SolutionDefinition.Baseline;
        var steps = new List<BoundStep>();
        if (_assemblies.Count > 0)
        {
            var missing = new List<string>();
            foreach (var step in solution.Steps)
            {
                if (step.PluginTypeName.Length == 0)
                {
                    // A step of a plug-in package names its type by export key only; without the package's metadata the
                    // emulator cannot load that type, so the step stays unbound instead of failing the build.
                    continue;
                }

                var type = FindType(step.PluginTypeName);
                if (type == null)
                {
                    missing.Add(step.PluginTypeName);
                    continue;
                }

                _secureConfigurations.TryGetValue(step.Id, out var secure);
                steps.Add(new BoundStep(new StepRegistration(type, step.Message, step.PrimaryEntity, step.Stage, step.Mode)
                {
                    Id = step.Id,
                    Name = step.Name,
                    Rank = step.Rank,
                    FilteringAttributes = step.FilteringAttributes,
                    Images = step.Images,
                    UnsecureConfiguration = step.Configuration,
                    SecureConfiguration = secure,
                }));
            }

            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"Plug-in types of the solution's steps are missing from the given assemblies: {string.Join(", ", missing.Distinct())}");
            }
        }

        steps.AddRange(_adHoc.Select(r => new BoundStep(r)));

        var apiPlugins = new Dictionary<string, Type>(_customApiPlugins, StringComparer.OrdinalIgnoreCase);
        foreach (var api in solution.CustomApis)
        {
            if (!apiPlugins.ContainsKey(api.UniqueName) && api.PluginTypeName != null && FindType(api.PluginTypeName) is Type type)
            {
                apiPlugins[api.UniqueName] = type;
            }
        }

        return new XrmEmulator(this, solution, steps, apiPlugins);
    }

    private Type? FindType(string fullName)
    {
        foreach (var assembly in _assemblies)
        {
            var type = assembly.GetType(fullName, throwOnError: false);
            if (type != null)
            {
                return type;
            }
        }

        return null;
    }
}
