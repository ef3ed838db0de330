using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AccountPlanXrm.Emulator;

/// <summary>A plug-in step as the solution declares it, before it is bound to a loaded type.</summary>
public sealed class StepDefinition
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>Full name of the plug-in type (namespace + class); empty when the step names its type only by export key and the solution does not resolve it.</summary>
    public string PluginTypeName { get; init; } = "";

    /// <summary>The <c>PluginTypeExportKey</c> of a step of a plug-in package (real-export facts §1), if any.</summary>
    public string? PluginTypeExportKey { get; init; }

    public string Message { get; init; } = "";
    public string? PrimaryEntity { get; init; }
    public PipelineStage Stage { get; init; }
    public StepMode Mode { get; init; }
    public int Rank { get; init; } = 1;
    public IReadOnlyList<string> FilteringAttributes { get; init; } = [];
    public IReadOnlyList<ImageRegistration> Images { get; init; } = [];
    public string? Configuration { get; init; }
}

/// <summary>A custom API parameter or response property.</summary>
public sealed record CustomApiField(string UniqueName, int Type, bool IsOptional, string? LogicalEntityName);

/// <summary>A custom API (<c>customapis/&lt;name&gt;/customapi.xml</c>).</summary>
public sealed class CustomApiDefinition
{
    public string UniqueName { get; init; } = "";

    /// <summary>0 global, 1 entity, 2 entity collection.</summary>
    public int BindingType { get; init; }

    public string? BoundEntityLogicalName { get; init; }
    public bool IsFunction { get; init; }
    public bool IsPrivate { get; init; }

    /// <summary>Full name of the main plug-in type, when the solution links one.</summary>
    public string? PluginTypeName { get; init; }

    public IReadOnlyList<CustomApiField> RequestParameters { get; init; } = [];
    public IReadOnlyList<CustomApiField> ResponseProperties { get; init; } = [];
}

/// <summary>
/// Everything an emulator reads from an unpacked solution: metadata (merged with the built-in baseline),
/// plug-in steps and custom APIs. Immutable; <see cref="Load"/> caches one instance per folder so that
/// every further emulator over the same solution starts in microseconds.
/// </summary>
public sealed class SolutionDefinition
{
    // Well-known SdkMessageIds (identical in every organization).
    private static readonly IReadOnlyDictionary<Guid, string> MessageIds = new Dictionary<Guid, string>
    {
        [new Guid("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Create",
        [new Guid("20bebb1b-ea3e-db11-86a7-000a3a5473e8")] = "Update",
        [new Guid("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Delete",
        [new Guid("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Assign",
        [new Guid("f2bdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Retrieve",
        [new Guid("03bebb1b-ea3e-db11-86a7-000a3a5473e8")] = "RetrieveMultiple",
        [new Guid("1cbebb1b-ea3e-db11-86a7-000a3a5473e8")] = "SetState",
        [new Guid("1dbebb1b-ea3e-db11-86a7-000a3a5473e8")] = "SetStateDynamicEntity",
        [new Guid("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "Merge",
        [new Guid("c5bdbb1b-ea3e-db11-86a7-000a3a5473e8")] = "GrantAccess",
    };

    private static readonly ConcurrentDictionary<string, Lazy<SolutionDefinition>> Cache = new(StringComparer.Ordinal);

    private SolutionDefinition(string? folder, MetadataSet metadata, IReadOnlyList<StepDefinition> steps, IReadOnlyList<CustomApiDefinition> customApis)
    {
        Folder = folder;
        Metadata = metadata;
        Steps = steps;
        CustomApis = customApis;
    }

    /// <summary>The folder the definition was read from; null for the baseline only.</summary>
    public string? Folder { get; }

    public MetadataSet Metadata { get; }

    public IReadOnlyList<StepDefinition> Steps { get; }

    public IReadOnlyList<CustomApiDefinition> CustomApis { get; }

    /// <summary>The built-in system tables only (no solution).</summary>
    public static SolutionDefinition Baseline { get; } = new(null, MetadataBuilder.Build(new RawSolution(), includeBaseline: true), [], []);

    /// <summary>Reads (once per process and folder) the unpacked solution in <paramref name="folder"/>.</summary>
    public static SolutionDefinition Load(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Cache.GetOrAdd(full, f => new Lazy<SolutionDefinition>(() => Read(f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Reads the folder without using or filling the cache.</summary>
    public static SolutionDefinition Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Solution folder not found: {folder}");
        }

        var raw = MetadataReader.ReadFolder(folder);
        var metadata = MetadataBuilder.Build(raw, includeBaseline: true);
        var pluginTypes = ReadPluginTypes(folder);
        var steps = ReadSteps(folder, pluginTypes);
        var apis = ReadCustomApis(folder, pluginTypes);
        return new SolutionDefinition(folder, metadata, steps, apis);
    }

    /// <summary>Plug-in type id → full type name, from PluginAssemblies/*/*.data.xml.</summary>
    private static Dictionary<Guid, string> ReadPluginTypes(string folder)
    {
        var result = new Dictionary<Guid, string>();
        var dir = Path.Combine(folder, "PluginAssemblies");
        if (!Directory.Exists(dir))
        {
            return result;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.data.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var root = XDocument.Load(file).Root;
            foreach (var type in root?.Descendants("PluginType") ?? [])
            {
                var name = (string?)type.Attribute("Name") ?? TypeNameOf((string?)type.Attribute("AssemblyQualifiedName"));
                if (Guid.TryParse((string?)type.Attribute("PluginTypeId"), out var id) && !string.IsNullOrEmpty(name))
                {
                    result[id] = name;
                }
            }
        }

        return result;
    }

    private static List<StepDefinition> ReadSteps(string folder, Dictionary<Guid, string> pluginTypes)
    {
        var result = new List<StepDefinition>();
        var dir = Path.Combine(folder, "SdkMessageProcessingSteps");
        if (!Directory.Exists(dir))
        {
            return result;
        }

        foreach (var file in MetadataReader.UnmanagedFiles(dir, "*.xml"))
        {
            var root = XDocument.Load(file).Root;
            if (root == null || root.Name.LocalName != "SdkMessageProcessingStep")
            {
                continue;
            }

            result.Add(ParseStep(root, pluginTypes, file));
        }

        return result;
    }

    internal static StepDefinition ParseStep(XElement root, IReadOnlyDictionary<Guid, string> pluginTypes, string source)
    {
        var name = (string?)root.Attribute("Name") ?? "";
        var qualified = (string?)root.Element("PluginTypeName");
        var typeName = TypeNameOf(qualified);

        // Classic assemblies: PluginTypeName (+ PluginTypeId); plug-in packages: PluginTypeExportKey only (real-export facts §1).
        // An export key resolves when it is the id of a type of an assembly in the solution; else the step stays unbound.
        var exportKey = ((string?)root.Element("PluginTypeExportKey"))?.Trim() is { Length: > 0 } key ? key : null;
        foreach (var reference in new[] { (string?)root.Element("PluginTypeId"), exportKey })
        {
            if (string.IsNullOrEmpty(typeName) && Guid.TryParse(reference?.Trim(), out var typeId) && pluginTypes.TryGetValue(typeId, out var byId))
            {
                typeName = byId;
            }
        }

        if (string.IsNullOrEmpty(typeName) && exportKey is null)
        {
            throw new InvalidDataException($"{source}: the step names no plug-in type (PluginTypeName, PluginTypeId or PluginTypeExportKey).");
        }

        var message = Guid.TryParse((string?)root.Element("SdkMessageId"), out var messageId) && MessageIds.TryGetValue(messageId, out var known)
            ? known
            : MessageFromName(name) ?? throw new InvalidDataException($"{source}: unknown SdkMessageId and no message in the step name '{name}'.");

        var entity = ((string?)root.Element("PrimaryEntity"))?.Trim();
        var images = new List<ImageRegistration>();
        foreach (var image in root.Element("SdkMessageProcessingStepImages")?.Elements("SdkMessageProcessingStepImage") ?? [])
        {
            var alias = ((string?)image.Element("EntityAlias"))?.Trim() is { Length: > 0 } a ? a : (string?)image.Attribute("Name") ?? "Image";
            images.Add(new ImageRegistration(alias, (ImageType)(Int(image.Element("ImageType")) ?? 0), Split((string?)image.Element("Attributes")))
            {
                MessagePropertyName = ((string?)image.Element("MessagePropertyName"))?.Trim() ?? "Target",
            });
        }

        return new StepDefinition
        {
            Id = Guid.TryParse((string?)root.Attribute("SdkMessageProcessingStepId"), out var stepId) ? stepId : Guid.Empty,
            Name = name,
            PluginTypeName = typeName,
            PluginTypeExportKey = exportKey,
            Message = message,
            PrimaryEntity = string.IsNullOrEmpty(entity) || entity == "none" ? null : entity.ToLowerInvariant(),
            Stage = (PipelineStage)(Int(root.Element("Stage")) ?? 40),
            Mode = (StepMode)(Int(root.Element("Mode")) ?? 0),
            Rank = Int(root.Element("Rank")) ?? 1,
            FilteringAttributes = Split((string?)root.Element("FilteringAttributes")),
            Images = images,
            Configuration = ((string?)root.Element("Configuration")) is { Length: > 0 } c ? c : null,
        };
    }

    private static List<CustomApiDefinition> ReadCustomApis(string folder, Dictionary<Guid, string> pluginTypes)
    {
        var result = new List<CustomApiDefinition>();
        var dir = Path.Combine(folder, "customapis");
        if (!Directory.Exists(dir))
        {
            return result;
        }

        foreach (var apiDir in Directory.EnumerateDirectories(dir).OrderBy(d => d, StringComparer.Ordinal))
        {
            var file = Path.Combine(apiDir, "customapi.xml");
            if (!File.Exists(file))
            {
                continue;
            }

            var root = XDocument.Load(file).Root!;
            var unique = (string?)root.Attribute("uniquename") ?? Path.GetFileName(apiDir);
            string? typeName = null;
            var pluginTypeId = root.Element("plugintypeid");
            if (pluginTypeId != null)
            {
                var idText = ((string?)pluginTypeId.Element("plugintypeid")) ?? ((string?)pluginTypeId.Element("plugintypeexportkey")) ?? pluginTypeId.Value;
                if (Guid.TryParse(idText?.Trim(), out var id) && pluginTypes.TryGetValue(id, out var name))
                {
                    typeName = name;
                }
                else if (!string.IsNullOrWhiteSpace(idText) && !Guid.TryParse(idText.Trim(), out _))
                {
                    typeName = TypeNameOf(idText.Trim());
                }
            }

            result.Add(new CustomApiDefinition
            {
                UniqueName = unique,
                BindingType = Int(root.Element("bindingtype")) ?? 0,
                BoundEntityLogicalName = ((string?)root.Element("boundentitylogicalname"))?.Trim() is { Length: > 0 } b ? b.ToLowerInvariant() : null,
                IsFunction = Int(root.Element("isfunction")) == 1,
                IsPrivate = Int(root.Element("isprivate")) == 1,
                PluginTypeName = typeName,
                RequestParameters = ReadFields(Path.Combine(apiDir, "customapirequestparameters"), "customapirequestparameter.xml"),
                ResponseProperties = ReadFields(Path.Combine(apiDir, "customapiresponseproperties"), "customapiresponseproperty.xml"),
            });
        }

        return result;
    }

    private static List<CustomApiField> ReadFields(string dir, string fileName)
    {
        var result = new List<CustomApiField>();
        if (!Directory.Exists(dir))
        {
            return result;
        }

        foreach (var fieldDir in Directory.EnumerateDirectories(dir).OrderBy(d => d, StringComparer.Ordinal))
        {
            var file = Path.Combine(fieldDir, fileName);
            if (!File.Exists(file))
            {
                continue;
            }

            var root = XDocument.Load(file).Root!;
            var unique = (string?)root.Attribute("uniquename") ?? Path.GetFileName(fieldDir);
            result.Add(new CustomApiField(
                unique,
                Int(root.Element("type")) ?? 10,
                Int(root.Element("isoptional")) == 1,
                ((string?)root.Element("logicalentityname"))?.Trim() is { Length: > 0 } e ? e : null));
        }

        return result;
    }

    private static string? MessageFromName(string name)
    {
        var match = Regex.Match(name, @":\s*([A-Za-z_][A-Za-z0-9_]*)\s+of\s+", RegexOptions.CultureInvariant);
        if (match.Success)
        {
            return match.Groups[1].Value;
        }

        match = Regex.Match(name, @":\s*([A-Za-z_][A-Za-z0-9_]*)\s*$", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string TypeNameOf(string? assemblyQualified)
    {
        if (string.IsNullOrWhiteSpace(assemblyQualified))
        {
            return "";
        }

        var comma = assemblyQualified.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? assemblyQualified : assemblyQualified[..comma]).Trim();
    }

    private static string[] Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()).ToArray();

    private static int? Int(XElement? element) =>
        int.TryParse(element?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
