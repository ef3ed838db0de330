using System.Collections.Frozen;

namespace AccountPlanXrm.Emulator.Messages;

/// <summary>
/// The message handlers of one emulator, by request name: the built-in messages, plus what a test registers.
/// A registered handler adds a message or replaces a built-in one for this emulator only, and runs through the
/// pipeline like the built-ins (steps on its <see cref="MessageHandler.PipelineMessage"/> fire, writes roll back
/// together). Custom APIs of the solution are found after the registered and built-in handlers.
/// </summary>
public sealed class MessageRegistry
{
    private static readonly FrozenDictionary<string, MessageHandler> BuiltIn = new MessageHandler[]
    {
        new CreateHandler(),
        new RetrieveHandler(),
        new UpdateHandler(),
        new DeleteHandler(),
        new RetrieveMultipleHandler(),
        new AssociateHandler(),
        new DisassociateHandler(),
        new UpsertHandler(),
        new CreateMultipleHandler(),
        new UpdateMultipleHandler(),
        new SetStateHandler("SetState"),
        new SetStateHandler("SetStateDynamicEntity"),
        new AssignHandler(),
        new CloseOpportunityHandler("WinOpportunity", "Win", 1),
        new CloseOpportunityHandler("LoseOpportunity", "Lose", 2),
        new WhoAmIHandler(),
        new ExecuteMultipleHandler(),
        new ExecuteTransactionHandler(),
    }.ToFrozenDictionary(h => h.Name, StringComparer.Ordinal);

    private readonly object _sync;
    private Dictionary<string, MessageHandler>? _registered;

    internal MessageRegistry(object sync)
    {
        _sync = sync;
    }

    /// <summary>The names of the built-in messages.</summary>
    public static IReadOnlyCollection<string> BuiltInMessages => BuiltIn.Keys;

    /// <summary>Adds a message, or replaces the handler of an existing one, for this emulator.</summary>
    public void Register(MessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (string.IsNullOrEmpty(handler.Name))
        {
            throw new ArgumentException("A message handler needs a name.", nameof(handler));
        }

        lock (_sync)
        {
            _registered ??= new Dictionary<string, MessageHandler>(StringComparer.Ordinal);
            _registered[handler.Name] = handler;
        }
    }

    /// <summary>
    /// Adds or replaces a message whose main operation is <paramref name="execute"/> (it returns the response; an
    /// exception faults the request like a failing main operation and rolls back its writes).
    /// </summary>
    public void Register(string name, Func<MessageContext, OrganizationResponse> execute, string? pipelineMessage = null) =>
        Register(new DelegateMessageHandler(name, execute, pipelineMessage));

    /// <summary>The handler a request of this name runs (registered first, then built-in), or null.</summary>
    public MessageHandler? Find(string name)
    {
        lock (_sync)
        {
            return _registered != null && _registered.TryGetValue(name, out var handler) ? handler : BuiltIn.GetValueOrDefault(name);
        }
    }

    /// <summary>Whether a registered handler replaces the built-in one of this name.</summary>
    internal bool IsReplaced(string name) => _registered != null && _registered.ContainsKey(name);
}
