using System.Text;
using Microsoft.Xrm.Sdk;

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
