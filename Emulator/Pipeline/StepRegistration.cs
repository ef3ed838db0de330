namespace AccountPlanXrm.Emulator.Pipeline;

/// <summary>The pipeline stage of a step (<c>Stage</c> in SdkMessageProcessingStep).</summary>
public enum PipelineStage
{
    PreValidation = 10,
    PreOperation = 20,
    MainOperation = 30,
    PostOperation = 40,
}

/// <summary>Synchronous (0) or asynchronous (1) execution (<c>Mode</c>).</summary>
public enum StepMode
{
    Synchronous = 0,
    Asynchronous = 1,
}

/// <summary>PreImage (0), PostImage (1) or both (2) (<c>ImageType</c>).</summary>
public enum ImageType
{
    PreImage = 0,
    PostImage = 1,
    Both = 2,
}

/// <summary>An entity image registered on a step (<c>SdkMessageProcessingStepImage</c>).</summary>
public sealed class ImageRegistration
{
    public ImageRegistration(string alias, ImageType type, params string[] attributes)
    {
        Alias = alias;
        Type = type;
        Attributes = attributes ?? [];
    }

    /// <summary>The key in PreEntityImages / PostEntityImages (<c>EntityAlias</c>).</summary>
    public string Alias { get; }

    public ImageType Type { get; }

    /// <summary>The columns of the image; empty means all columns.</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary><c>MessagePropertyName</c> (Target, Id or EntityMoniker); informational.</summary>
    public string MessagePropertyName { get; init; } = "Target";
}

/// <summary>
/// A plug-in step: what <c>SdkMessageProcessingSteps/*.xml</c> holds, bound to a plug-in type.
/// Use it with XrmEmulator.RegisterStep or EmulatorBuilder.WithStep for ad-hoc registrations.
/// </summary>
public sealed class StepRegistration
{
    public StepRegistration(Type pluginType, string message, string? primaryEntity, PipelineStage stage, StepMode mode = StepMode.Synchronous)
    {
        PluginType = pluginType ?? throw new ArgumentNullException(nameof(pluginType));
        Message = message ?? throw new ArgumentNullException(nameof(message));
        PrimaryEntity = string.IsNullOrEmpty(primaryEntity) || primaryEntity == "none" ? null : primaryEntity.ToLowerInvariant();
        Stage = stage;
        Mode = mode;
        if (mode == StepMode.Asynchronous && stage != PipelineStage.PostOperation)
        {
            throw new ArgumentException("Asynchronous steps must be registered in PostOperation (40).", nameof(mode));
        }
    }

    public Guid Id { get; init; } = Guid.Empty;

    public string Name { get; init; } = "";

    public Type PluginType { get; }

    public string Message { get; }

    /// <summary>Logical name of the primary table; null for every table (or messages without one).</summary>
    public string? PrimaryEntity { get; }

    public PipelineStage Stage { get; }

    public StepMode Mode { get; }

    /// <summary>Execution order within the stage (lower first).</summary>
    public int Rank { get; init; } = 1;

    /// <summary>Update steps run only when the Target holds one of these columns; empty means always.</summary>
    public IReadOnlyList<string> FilteringAttributes { get; init; } = [];

    public IReadOnlyList<ImageRegistration> Images { get; init; } = [];

    /// <summary>The unsecure configuration, the first constructor argument.</summary>
    public string? UnsecureConfiguration { get; init; }

    /// <summary>The secure configuration, the second constructor argument.</summary>
    public string? SecureConfiguration { get; init; }

    /// <summary>Runs the step as this user instead of the caller (<c>ImpersonatingUserId</c>); null for the caller.</summary>
    public Guid? RunAsUserId { get; init; }

    public override string ToString() => $"{PluginType.FullName}: {Message} of {PrimaryEntity ?? "any"} ({(int)Stage}, {Mode})";
}
