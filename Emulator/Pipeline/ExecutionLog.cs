using System.Text;

namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>How an execution ended.</summary>
public enum ExecutionOutcome
{
    Succeeded,
    Failed,
}

/// <summary>
/// One entry of the execution log: a plug-in step execution, or (with <see cref="PluginType"/> null and
/// stage 30) the platform's main operation of a message.
/// </summary>
public sealed record ExecutionLogEntry(
    long Sequence,
    string Message,
    string PrimaryEntity,
    Guid PrimaryEntityId,
    int Stage,
    int Mode,
    int Depth,
    string? PluginType,
    string? StepName,
    ExecutionOutcome Outcome,
    string? Error)
{
    public override string ToString() =>
        $"#{Sequence} {Message} {PrimaryEntity} stage {Stage} depth {Depth}{(PluginType == null ? "" : " " + PluginType)}{(Outcome == ExecutionOutcome.Failed ? " FAILED: " + Error : "")}";
}

/// <summary>What one plug-in execution wrote to its <see cref="ITracingService"/>.</summary>
public sealed record TraceRecord(long Sequence, string PluginType, string Message, int Stage, int Depth, string Text);

/// <summary>The outcome of one drained asynchronous job.</summary>
public sealed record AsyncJobResult(string PluginType, string Message, string PrimaryEntity, Guid PrimaryEntityId, ExecutionOutcome Outcome, string? Error);

/// <summary>The execution log and the plug-in traces of one emulator.</summary>
internal sealed class ExecutionRecorder(Func<long> nextSequence, bool logOperations)
{
    private readonly List<ExecutionLogEntry> _log = [];
    private readonly List<TraceRecord> _traces = [];

    public IReadOnlyList<ExecutionLogEntry> Entries => _log.ToArray();

    public IReadOnlyList<TraceRecord> Traces => _traces.ToArray();

    /// <summary>Logs a plug-in execution (always) or a main operation (<paramref name="step"/> null; unless switched off).</summary>
    public void Log(string message, string entity, Guid id, int stage, int mode, int depth, BoundStep? step, ExecutionOutcome outcome, string? error)
    {
        if (logOperations || step != null)
        {
            _log.Add(new ExecutionLogEntry(nextSequence(), message, entity, id, stage, mode, depth, step?.PluginType.FullName, step?.Name, outcome, error));
        }
    }

    public void Log(PluginContext context, BoundStep step, ExecutionOutcome outcome, string? error) =>
        Log(context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Stage, context.Mode, context.Depth, step, outcome, error);

    /// <summary>Keeps what a plug-in execution traced (nothing when it traced nothing).</summary>
    public void Trace(BoundStep step, PluginContext context, string text)
    {
        if (text.Length > 0)
        {
            _traces.Add(new TraceRecord(nextSequence(), step.PluginType.FullName ?? step.PluginType.Name, context.MessageName, context.Stage, context.Depth, text));
        }
    }

    public void Clear()
    {
        _log.Clear();
        _traces.Clear();
    }
}

internal sealed class TracingService : ITracingService
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    public void Trace(string format, params object[] args)
    {
        if (format == null)
        {
            return;
        }

        _text.AppendLine(args == null || args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
