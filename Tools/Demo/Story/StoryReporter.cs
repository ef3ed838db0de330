namespace AccountPlanXrm.Tools.Demo.Story;

/// <summary>
/// Writes the story to the console: the numbered step headers, the steps' lines and tables, and a failed step's
/// reason (with the missing piece of the environment when the platform's message names one).
/// </summary>
public sealed class StoryReporter(TextWriter output)
{
    public void Line(string text = "") => output.WriteLine(text);

    public void Table(TextTable table, int maxWidth = 60) => table.Write(output, maxWidth: maxWidth);

    /// <summary>Each line of a multi-line text, indented with a prefix.</summary>
    public void Lines(string text, string prefix, StringSplitOptions split = StringSplitOptions.None)
    {
        foreach (var line in text.Split('\n', split))
        {
            output.WriteLine(prefix + line);
        }
    }

    public void StepStarted(int number, string title)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{number}] {title}"));
    }

    /// <summary>Prints why a step failed and returns the reason for the step's outcome.</summary>
    public string StepFailed(Exception ex)
    {
        var message = Message(ex);
        output.WriteLine($"  STEP FAILED: {message}");
        if (Hint(message) is { } hint)
        {
            output.WriteLine($"  Missing piece: {hint}");
            message += $" (missing piece: {hint})";
        }

        return message;
    }

    /// <summary>The message of a fault (with its error code), a plug-in error or a step's own exception.</summary>
    public static string Message(Exception ex) => ex switch
    {
        FaultException<OrganizationServiceFault> fault => (fault.Detail?.Message ?? fault.Message) + (fault.Detail is { ErrorCode: not 0 } d ? string.Create(CultureInfo.InvariantCulture, $" (error code {d.ErrorCode})") : ""),
        _ => ex.Message,
    };

    /// <summary>What is missing in the environment when a step fails with a known platform message.</summary>
    private static string? Hint(string message) =>
        message.Contains("'apx_accountplan' is not a valid target of the lookup 'regardingobjectid'", StringComparison.Ordinal)
            ? "the solution metadata does not make apx_accountplan a regarding target of task (an activity-enabled table with its task relationship), so review tasks cannot be created."
            : null;
}
