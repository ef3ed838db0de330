using System.Reflection;

namespace AccountPlanXrm.Emulator;

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
    public EmulatorBuilder WithSolution(string folder) => Set(() => _solution = SolutionDefinition.Load(folder));

    /// <summary>Uses an already loaded solution definition.</summary>
    public EmulatorBuilder WithSolution(SolutionDefinition solution) => Set(() => _solution = solution ?? throw new ArgumentNullException(nameof(solution)));

    /// <summary>Binds the solution's plug-in steps and custom APIs to the types of this assembly.</summary>
    public EmulatorBuilder WithPluginAssembly(Assembly assembly) => Set(() => _assemblies.Add(assembly ?? throw new ArgumentNullException(nameof(assembly))));

    /// <summary>Adds an ad-hoc step registration.</summary>
    public EmulatorBuilder WithStep(StepRegistration registration) => Set(() => _adHoc.Add(registration ?? throw new ArgumentNullException(nameof(registration))));

    /// <summary>Sets the secure configuration of a solution step (the solution never carries it).</summary>
    public EmulatorBuilder WithSecureConfiguration(Guid stepId, string secureConfiguration) => Set(() => _secureConfigurations[stepId] = secureConfiguration);

    /// <summary>Implements a custom API with this plug-in type (when the solution does not link one).</summary>
    public EmulatorBuilder WithCustomApiPlugin(string uniqueName, Type pluginType) => Set(() => _customApiPlugins[uniqueName] = pluginType);

    /// <summary>Sets the start time of the clock (UTC).</summary>
    public EmulatorBuilder WithClock(DateTime utcNow) => Set(() => UtcNow = ToUtc(utcNow));

    /// <summary>A clock value as UTC: local times are converted, unspecified ones taken as UTC.</summary>
    internal static DateTime ToUtc(DateTime value) =>
        value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>Supplies record ids (default: a deterministic sequence).</summary>
    public EmulatorBuilder WithIdSource(Func<Guid> idSource) => Set(() => IdSource = idSource ?? throw new ArgumentNullException(nameof(idSource)));

    /// <summary>Varies the default deterministic id sequence.</summary>
    public EmulatorBuilder WithIdSeed(int seed) => Set(() => IdSeed = seed);

    /// <summary>Sets the default calling user (created at start in the root business unit).</summary>
    public EmulatorBuilder WithCallingUser(Guid userId, string firstName = "Test", string lastName = "User") => Set(() => { CallingUserId = userId; CallingUserFirstName = firstName; CallingUserLastName = lastName; });

    /// <summary>Sets the id and name of the root business unit.</summary>
    public EmulatorBuilder WithBusinessUnit(Guid businessUnitId, string name = "Root Business Unit") => Set(() => { BusinessUnitId = businessUnitId; BusinessUnitName = name; });

    public EmulatorBuilder WithOrganization(Guid organizationId, string name) => Set(() => { OrganizationId = organizationId; OrganizationName = name; });

    public EmulatorBuilder WithSystemUser(Guid systemUserId) => Set(() => SystemUserId = systemUserId);

    public EmulatorBuilder WithBaseCurrency(Guid currencyId) => Set(() => BaseCurrencyId = currencyId);

    /// <summary>Sets the depth limit (default 8).</summary>
    public EmulatorBuilder WithMaxDepth(int maxDepth) => Set(() => MaxDepth = maxDepth);

    /// <summary>Logs main operations too (default on); plug-in executions are always logged.</summary>
    public EmulatorBuilder WithOperationLog(bool enabled) => Set(() => LogEnabled = enabled);

    private EmulatorBuilder Set(Action apply)
    {
        apply();
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
