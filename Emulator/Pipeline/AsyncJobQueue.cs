namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>A queued asynchronous step execution.</summary>
internal sealed record AsyncJob(BoundStep Step, PluginContext Context);

/// <summary>
/// Asynchronous steps queued by requests. Queueing is journaled, so a request that rolls back takes its jobs
/// with it; jobs run only when drained, in order, and a failing job never undoes the request that queued it.
/// </summary>
internal sealed class AsyncJobQueue(DataStore store, StageRunner stages)
{
    private readonly List<AsyncJob> _jobs = [];

    public int Count => _jobs.Count;

    public void Enqueue(AsyncJob job)
    {
        _jobs.Add(job);
        store.RecordUndo(() => _jobs.Remove(job));
    }

    /// <summary>Runs the queued jobs (and any they queue in turn), at most <paramref name="maxJobs"/>.</summary>
    public IReadOnlyList<AsyncJobResult> Drain(int maxJobs)
    {
        var results = new List<AsyncJobResult>();
        while (_jobs.Count > 0 && results.Count < maxJobs)
        {
            var job = _jobs[0];
            _jobs.RemoveAt(0);
            string? error = null;
            try
            {
                stages.Invoke(job.Step, job.Context);
            }
            catch (Exception ex)
            {
                error = ex.Message;
            }

            store.CommitAll();
            results.Add(new AsyncJobResult(
                job.Step.PluginType.FullName ?? job.Step.PluginType.Name,
                job.Context.MessageName,
                job.Context.PrimaryEntityName,
                job.Context.PrimaryEntityId,
                error == null ? ExecutionOutcome.Succeeded : ExecutionOutcome.Failed,
                error));
        }

        return results;
    }
}
