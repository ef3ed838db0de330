namespace AccountPlanXrm.Emulator.Messages;

/// <summary>A message whose main operation is a delegate (<see cref="MessageRegistry.Register(string, Func{MessageContext, OrganizationResponse}, string?)"/>).</summary>
internal sealed class DelegateMessageHandler(string name, Func<MessageContext, OrganizationResponse> execute, string? pipelineMessage) : MessageHandler
{
    private readonly Func<MessageContext, OrganizationResponse> _execute = execute ?? throw new ArgumentNullException(nameof(execute));

    public override string Name => name;

    public override string PipelineMessage => pipelineMessage ?? name;

    public override OrganizationResponse Execute(MessageContext context) => _execute(context) ?? NewResponse();
}
