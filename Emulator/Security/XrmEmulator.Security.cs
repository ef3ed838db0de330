using AccountPlanXrm.Emulator.Messages;
using AccountPlanXrm.Emulator.Pipeline;
using AccountPlanXrm.Emulator.Security;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator;

/// <summary>Security roles, teams, business units and sharing (see <see cref="EmulatorSecurity"/>).</summary>
public sealed partial class XrmEmulator
{
    private EmulatorSecurity? _security;

    /// <summary>The security model once <see cref="EnableSecurity"/> was called; null while every caller may do everything.</summary>
    public EmulatorSecurity? Security
    {
        get
        {
            lock (_sync)
            {
                return _security;
            }
        }
    }

    internal object SyncRoot => _sync;

    /// <summary>
    /// Turns on Dataverse security: from now on every request of a user other than SYSTEM is checked against the
    /// roles of the user and the user's teams (the solution's <c>Roles/*.xml</c> and System Administrator).
    /// The default calling user (<see cref="CallingUserId"/>) gets System Administrator so existing set-up code keeps working.
    /// </summary>
    public EmulatorSecurity EnableSecurity()
    {
        lock (_sync)
        {
            if (_security == null)
            {
                _security = new EmulatorSecurity(this, RoleCatalog.Load(Solution.Folder));
                if (CallingUserId != SystemUserId)
                {
                    _security.AssignRoles(CallingUserId, SecurityRole.SystemAdministrator.Name);
                }
            }

            return _security;
        }
    }

    /// <summary>Security hook of the pipeline: checks a calling user's request before its main operation.</summary>
    internal void AuthorizeRequest(MessageHandler handler, MessageContext context)
    {
        if (_security is { } security && security.IsChecked(context.Caller))
        {
            security.Authorize(handler.Name, context);
        }
    }

    /// <summary>Security hook after the main operation: secured columns the caller may not read leave Retrieve/RetrieveMultiple.</summary>
    internal void SecureResponse(MessageHandler handler, MessageContext context, OrganizationResponse response)
    {
        if (_security is { } security && security.IsChecked(context.Caller) && handler.Name is "Retrieve" or "RetrieveMultiple")
        {
            security.MaskColumns(context.Caller.UserId, response);
        }
    }

    /// <summary>Security hook before any step: BypassCustomPluginExecution needs its privilege.</summary>
    internal void AuthorizeBypass(Caller caller)
    {
        if (_security is { } security && security.IsChecked(caller))
        {
            security.AuthorizeBypass(caller.UserId);
        }
    }

    /// <summary>Security hook of queries: which rows the caller may read (null: all rows, no check).</summary>
    internal Func<string, Entity, bool>? ReadFilterFor(Caller? caller) =>
        _security is { } security && caller != null && security.IsChecked(caller) ? security.ReadFilter(caller.UserId) : null;
}
