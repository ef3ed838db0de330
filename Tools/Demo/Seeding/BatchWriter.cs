namespace AccountPlanXrm.Tools.Demo.Seeding;

/// <summary>Sends requests in ExecuteMultiple batches (stop on the first error, no responses).</summary>
public sealed class BatchWriter(IOrganizationService service, ProgressLine progress, long expected)
{
    private readonly List<OrganizationRequest> _pending = new(DemoSeeder.BatchSize);
    private readonly List<OrganizationRequest> _later = [];
    private long _sent;

    public long Requests { get; private set; }

    public void Add(OrganizationRequest request)
    {
        _pending.Add(request);
        if (_pending.Count >= DemoSeeder.BatchSize)
        {
            Send();
        }
    }

    /// <summary>Queues a request that must follow the current ones (e.g. a contact of an account not created yet).</summary>
    public void AddLater(OrganizationRequest request) => _later.Add(request);

    public void Flush()
    {
        Send();
        foreach (var request in _later)
        {
            Add(request);
        }

        _later.Clear();
        Send();
    }

    private void Send()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var request = new ExecuteMultipleRequest
        {
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
            Requests = [],
        };
        request.Requests.AddRange(_pending);
        var response = (ExecuteMultipleResponse)service.Execute(request);
        Requests++;
        var fault = response.Responses.FirstOrDefault(r => r.Fault is not null);
        if (response.IsFaulted && fault is not null)
        {
            var failed = _pending[fault.RequestIndex];
            throw new DemoStepException($"seeding stopped: {failed.RequestName} #{_sent + fault.RequestIndex + 1} failed: {fault.Fault.Message}");
        }

        _sent += _pending.Count;
        _pending.Clear();
        progress.Report(_sent, expected);
    }
}
