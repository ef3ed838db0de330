using System.Reflection;

namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>A step bound to its plug-in type; the plug-in instance is created once and reused, like the platform.</summary>
internal sealed class BoundStep
{
    private IPlugin? _instance;

    public BoundStep(StepRegistration registration)
    {
        Registration = registration;
        Order = 0;
    }

    public StepRegistration Registration { get; }

    public long Order { get; set; }

    public Guid Id => Registration.Id;

    public string Name => string.IsNullOrEmpty(Registration.Name) ? Registration.ToString() : Registration.Name;

    public Type PluginType => Registration.PluginType;

    public IPlugin GetInstance()
    {
        if (_instance != null)
        {
            return _instance;
        }

        var type = Registration.PluginType;
        if (!typeof(IPlugin).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"{type.FullName} does not implement IPlugin.");
        }

        object instance;
        try
        {
            var twoStrings = type.GetConstructor([typeof(string), typeof(string)]);
            var oneString = type.GetConstructor([typeof(string)]);
            if (twoStrings != null)
            {
                instance = twoStrings.Invoke([Registration.UnsecureConfiguration, Registration.SecureConfiguration]);
            }
            else if (oneString != null)
            {
                instance = oneString.Invoke([Registration.UnsecureConfiguration]);
            }
            else
            {
                instance = Activator.CreateInstance(type)!;
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException != null)
        {
            throw ex.InnerException;
        }

        _instance = (IPlugin)instance;
        return _instance;
    }
}

/// <summary>The steps of one message and table, split by stage, in execution order.</summary>
internal sealed class StepSet
{
    public static readonly StepSet Empty = new([]);

    public StepSet(List<BoundStep> steps)
    {
        PreValidation = steps.Where(s => s.Registration.Stage == PipelineStage.PreValidation && s.Registration.Mode == StepMode.Synchronous).ToArray();
        PreOperation = steps.Where(s => s.Registration.Stage == PipelineStage.PreOperation && s.Registration.Mode == StepMode.Synchronous).ToArray();
        PostOperation = steps.Where(s => s.Registration.Stage == PipelineStage.PostOperation && s.Registration.Mode == StepMode.Synchronous).ToArray();
        Async = steps.Where(s => s.Registration.Mode == StepMode.Asynchronous).ToArray();
        IsEmpty = steps.Count == 0;
        NeedsPreImage = steps.Any(s => s.Registration.Images.Any(i => i.Type != ImageType.PostImage));
        NeedsPostImage = steps.Any(s => s.Registration.Stage == PipelineStage.PostOperation && s.Registration.Images.Any(i => i.Type != ImageType.PreImage));
    }

    public BoundStep[] PreValidation { get; }
    public BoundStep[] PreOperation { get; }
    public BoundStep[] PostOperation { get; }
    public BoundStep[] Async { get; }
    public bool IsEmpty { get; }
    public bool NeedsPreImage { get; }
    public bool NeedsPostImage { get; }
}

/// <summary>All bound steps, looked up by message and primary table (cached per pair).</summary>
internal sealed class StepRegistry
{
    private readonly List<BoundStep> _steps = [];
    private readonly Dictionary<(string Message, string Entity), StepSet> _cache = [];
    private long _order;

    public StepRegistry(IEnumerable<BoundStep> steps)
    {
        foreach (var step in steps)
        {
            Add(step);
        }
    }

    public bool IsEmpty => _steps.Count == 0;

    public void Add(BoundStep step)
    {
        step.Order = ++_order;
        _steps.Add(step);
        _cache.Clear();
    }

    public StepSet Find(string message, string entity)
    {
        if (_steps.Count == 0)
        {
            return StepSet.Empty;
        }

        var key = (message, entity);
        if (_cache.TryGetValue(key, out var set))
        {
            return set;
        }

        var matching = _steps
            .Where(s => string.Equals(s.Registration.Message, message, StringComparison.OrdinalIgnoreCase)
                && (s.Registration.PrimaryEntity == null || s.Registration.PrimaryEntity == entity))
            .OrderBy(s => s.Registration.Rank)
            .ThenBy(s => s.Order)
            .ToList();
        set = matching.Count == 0 ? StepSet.Empty : new StepSet(matching);
        _cache[key] = set;
        return set;
    }
}
