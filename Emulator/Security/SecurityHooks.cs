namespace AccountPlanXrm.Emulator.Security;

/// <summary>
/// Where the pipeline and the query source call into <see cref="EmulatorSecurity"/>: nothing is checked until
/// <see cref="XrmEmulator.EnableSecurity"/>, and SYSTEM is never checked.
/// </summary>
internal sealed class SecurityHooks
{
    /// <summary>The security model once enabled; null while every caller may do everything.</summary>
    public EmulatorSecurity? Security { get; private set; }

    /// <summary>
    /// Turns on Dataverse security: from now on every request of a user other than SYSTEM is checked against the
    /// roles of the user and the user's teams (the solution's <c>Roles/*.xml</c> and System Administrator).
    /// The default calling user gets System Administrator so existing set-up code keeps working.
    /// </summary>
    public EmulatorSecurity Enable(XrmEmulator emulator)
    {
        if (Security == null)
        {
            Security = new EmulatorSecurity(emulator, RoleCatalog.Load(emulator.Solution.Folder));
            if (emulator.CallingUserId != emulator.SystemUserId)
            {
                Security.AssignRoles(emulator.CallingUserId, SecurityRole.SystemAdministrator.Name);
            }
        }

        return Security;
    }

    public bool IsChecked(Caller caller) => Security is { } security && security.IsChecked(caller);

    /// <summary>Checks a calling user's request before its main operation (after stages 10/20, as on the platform).</summary>
    public void AuthorizeRequest(MessageHandler handler, MessageContext context)
    {
        if (IsChecked(context.Caller))
        {
            Security!.Authorize(handler.Name, context);
        }
    }

    /// <summary>After the main operation: secured columns the caller may not read leave Retrieve/RetrieveMultiple.</summary>
    public void SecureResponse(MessageHandler handler, MessageContext context, OrganizationResponse response)
    {
        if (IsChecked(context.Caller) && handler.Name is "Retrieve" or "RetrieveMultiple")
        {
            Security!.MaskColumns(context.Caller.UserId, response);
        }
    }

    /// <summary>Before any step: BypassCustomPluginExecution needs its privilege.</summary>
    public void AuthorizeBypass(Caller caller)
    {
        if (IsChecked(caller))
        {
            Security!.AuthorizeBypass(caller.UserId);
        }
    }

    /// <summary>Which rows the caller may read in queries (null: all rows, no check).</summary>
    public Func<string, Entity, bool>? ReadFilterFor(Caller? caller) =>
        caller != null && IsChecked(caller) ? Security!.ReadFilter(caller.UserId) : null;
}
