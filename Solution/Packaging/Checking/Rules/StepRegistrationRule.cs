namespace AccountPlanXrm.Solution.Packaging.Checking;

/// <summary>
/// The registration of plug-in steps and their images: a well-known message (<see cref="Rules.StepUnknownMessage"/>), a
/// valid stage and mode (<see cref="Rules.StepCrm4Stage"/>, <see cref="Rules.StepInvalid"/>), no step on reads
/// (<see cref="Rules.StepRetrieve"/>), filtering attributes on Update (<see cref="Rules.StepNoFilteringAttributes"/>) that
/// exist like the image columns (<see cref="Rules.StepUnknownColumn"/>), images with a column list
/// (<see cref="Rules.ImageNoColumns"/>) of a kind the message and stage have (<see cref="Rules.ImageUnsupported"/>), and no
/// second step for the same type, message, table, stage, mode and filter (<see cref="Rules.StepDuplicate"/>).
/// </summary>
public sealed class StepRegistrationRule : ICheckRule
{
    public IReadOnlyList<string> Ids { get; } =
    [
        Rules.StepUnknownMessage, Rules.StepCrm4Stage, Rules.StepInvalid, Rules.StepRetrieve, Rules.StepNoFilteringAttributes,
        Rules.StepUnknownColumn, Rules.ImageNoColumns, Rules.ImageUnsupported, Rules.StepDuplicate,
    ];

    public void Check(RuleContext context)
    {
        var registrations = new Dictionary<string, SourceElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var step in context.Model.Steps)
        {
            var element = step.Element;
            var name = element.Attr("Name") ?? step.File;
            var messageId = XmlFiles.NormalizeId(element.Text("SdkMessageId") ?? string.Empty);
            WellKnownMessages.ById.TryGetValue(messageId, out var message);
            var table = element.Text("PrimaryEntity") ?? string.Empty;
            var stage = element.Text("Stage") ?? string.Empty;
            var mode = element.Text("Mode") ?? "0";
            var pluginType = element.Text("PluginTypeName") ?? string.Empty;

            // Plug-in package steps name their type by export key only (real-export facts §1).
            var exportKey = element.Text("PluginTypeExportKey") ?? string.Empty;

            if (message is null)
            {
                context.Report(step.File, element.Element("SdkMessageId") ?? element, Rules.StepUnknownMessage, Severity.Warning, $"step '{name}': message id '{messageId}' is not a well-known SDK message id");
            }

            if (stage == "50")
            {
                context.Error(step, element.Element("Stage"), Rules.StepCrm4Stage, $"step '{name}': stage 50 is the CRM 4.0 stage; use 40 (post-operation)");
            }
            else if (stage is not ("10" or "20" or "40"))
            {
                context.Error(step, element.Element("Stage") ?? element, Rules.StepInvalid, $"step '{name}': stage '{stage}' is not 10, 20 or 40");
            }

            if (mode == "1" && stage != "40")
            {
                context.Error(step, element.Element("Mode"), Rules.StepInvalid, $"step '{name}': asynchronous steps must run in stage 40");
            }

            if (message is "Retrieve" or "RetrieveMultiple")
            {
                context.Report(step.File, element, Rules.StepRetrieve, Severity.Warning, $"step '{name}': registered on {message}, which runs on every read");
            }

            // An unknown table is reported by UnknownTableRule; its columns are not checked here.
            var columns = string.IsNullOrEmpty(table) || table == "none" ? null : context.Model.Columns(table);
            var filtering = Split(element.Text("FilteringAttributes"));
            if (message == "Update" && filtering.Count == 0)
            {
                context.Error(step, element.Element("FilteringAttributes") ?? element, Rules.StepNoFilteringAttributes, $"step '{name}': Update step without filtering attributes runs on every update");
            }

            foreach (var column in filtering.Where(f => columns is not null && !columns.Contains(f)))
            {
                context.Error(step, element.Element("FilteringAttributes"), Rules.StepUnknownColumn, $"step '{name}': filtering attribute '{column}' does not exist on '{table}'");
            }

            foreach (var image in element.Descendants("SdkMessageProcessingStepImage"))
            {
                var imageName = image.Attr("Name") ?? image.Text("EntityAlias") ?? "image";
                var attributes = Split(image.Text("Attributes"));
                if (attributes.Count == 0)
                {
                    context.Error(step, image, Rules.ImageNoColumns, $"step '{name}': image '{imageName}' has no column list (it would hold every column)");
                }

                foreach (var column in attributes.Where(a => columns is not null && !columns.Contains(a)))
                {
                    context.Error(step, image.Element("Attributes"), Rules.StepUnknownColumn, $"step '{name}': image '{imageName}' column '{column}' does not exist on '{table}'");
                }

                var imageType = image.Text("ImageType") ?? "0";
                if (message == "Create" && imageType is "0" or "2")
                {
                    context.Error(step, image, Rules.ImageUnsupported, $"step '{name}': Create has no pre-image ('{imageName}')");
                }

                if (stage is "10" or "20" && imageType is "1" or "2")
                {
                    context.Error(step, image, Rules.ImageUnsupported, $"step '{name}': stage {stage} has no post-image ('{imageName}')");
                }
            }

            var key = string.Join("|", PluginTypeRule.Canonical(pluginType), XmlFiles.NormalizeId(exportKey), messageId, table.ToLowerInvariant(), stage, mode, string.Join(",", filtering.Order(StringComparer.OrdinalIgnoreCase)));
            if (registrations.TryGetValue(key, out var first))
            {
                context.Error(step, element, Rules.StepDuplicate, $"step '{name}' registers the same plug-in type, message, table, stage and mode as {first.File}");
            }
            else
            {
                registrations[key] = step;
            }
        }
    }

    private static List<string> Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
