using AccountPlanXrm.Emulator.Store;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace AccountPlanXrm.Emulator.Messages;

/// <summary>SetState: runs its own steps, then an Update of statecode/statuscode (so Update steps fire, as on the platform).</summary>
internal sealed class SetStateHandler(string name) : MessageHandler
{
    public override string Name => name;

    public override bool SupportsImages => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "EntityMoniker");

    public override OrganizationResponse Execute(MessageContext context)
    {
        var moniker = RequireReference(context.Input, "EntityMoniker");
        var state = context.Get<OptionSetValue>("State") ?? throw Faults.Invalid("Required field 'State' is missing");
        var status = context.Get<OptionSetValue>("Status");
        var update = new Entity(moniker.LogicalName, moniker.Id) { ["statecode"] = new OptionSetValue(state.Value) };
        if (status != null && status.Value != -1)
        {
            update["statuscode"] = new OptionSetValue(status.Value);
        }

        context.Nested(new UpdateRequest { Target = update });
        return Responses.Create(Name);
    }
}

/// <summary>Assign: an Update of ownerid (owning user/team/business unit follow).</summary>
internal sealed class AssignHandler : MessageHandler
{
    public override string Name => "Assign";

    public override bool SupportsImages => true;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => Of(input, "Target");

    public override OrganizationResponse Execute(MessageContext context)
    {
        var target = RequireReference(context.Input, "Target");
        var assignee = RequireReference(context.Input, "Assignee");
        context.Nested(new UpdateRequest { Target = new Entity(target.LogicalName, target.Id) { ["ownerid"] = new EntityReference(assignee.LogicalName, assignee.Id) } });
        return Responses.Create(Name);
    }
}

/// <summary>
/// WinOpportunity / LoseOpportunity: creates the completed opportunityclose activity and closes the opportunity
/// (statecode Won 1 / Lost 2, the given statuscode or the state's default, actualvalue from actualrevenue,
/// actualclosedate from actualend or today). Steps on Win/Lose fire, then Create of opportunityclose and Update of opportunity.
/// </summary>
internal sealed class CloseOpportunityHandler(string name, string pipelineMessage, int state) : MessageHandler
{
    public override string Name => name;

    public override string PipelineMessage => pipelineMessage;

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) =>
        input.TryGetValue("OpportunityClose", out var c) && c is Entity close && close.Attributes.TryGetValue("opportunityid", out var o) && o is EntityReference opp
            ? ("opportunity", opp.Id)
            : ("opportunity", Guid.Empty);

    public override OrganizationResponse Execute(MessageContext context)
    {
        var emulator = context.Emulator;
        var close = RequireEntity(context.Input, "OpportunityClose");
        if (!close.Attributes.TryGetValue("opportunityid", out var o) || o is not EntityReference opportunityRef)
        {
            throw Faults.Invalid("The opportunity close activity must reference an opportunity (opportunityid).");
        }

        var table = emulator.TableOrFault("opportunity");
        var row = table.Find(opportunityRef.Id) ?? throw Faults.NotFound("opportunity", opportunityRef.Id);
        var current = row.Entity.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
        if (current != 0)
        {
            throw Faults.Create(ErrorCodes.InvalidArgument, $"The opportunity with Id {opportunityRef.Id} is already closed (statecode {current}) and cannot be closed again.");
        }

        var status = context.Get<OptionSetValue>("Status")?.Value ?? -1;
        if (status == -1)
        {
            status = table.Metadata.DefaultStatusOf(state) ?? -1;
        }

        var actualEnd = close.GetAttributeValue<DateTime?>("actualend") ?? emulator.Now.Date;
        var activity = EntityCopy.ShallowCopy(close);
        activity.Id = Guid.Empty;
        activity.Attributes.Remove("statecode");
        activity.Attributes.Remove("statuscode");
        activity["statecode"] = new OptionSetValue(1);
        activity["statuscode"] = new OptionSetValue(2);
        if (!activity.Attributes.ContainsKey("actualend"))
        {
            activity["actualend"] = actualEnd;
        }

        if (emulator.Metadata.FindTable("opportunityclose") != null)
        {
            context.Nested(new CreateRequest { Target = activity });
        }

        var update = new Entity("opportunity", opportunityRef.Id)
        {
            ["statecode"] = new OptionSetValue(state),
            ["statuscode"] = new OptionSetValue(status),
            ["actualclosedate"] = actualEnd,
        };
        if (close.GetAttributeValue<Money>("actualrevenue") is Money revenue)
        {
            update["actualvalue"] = new Money(revenue.Value);
        }
        else if (state == 1 && !row.Entity.Attributes.ContainsKey("actualvalue") && row.Entity.GetAttributeValue<Money>("estimatedvalue") is Money estimated)
        {
            update["actualvalue"] = new Money(estimated.Value);
        }

        context.NestedClose(new UpdateRequest { Target = update });
        context.PrimaryEntityId = opportunityRef.Id;
        return Responses.Create(Name);
    }
}

/// <summary>WhoAmI: the calling user, its business unit and the organization.</summary>
internal sealed class WhoAmIHandler : MessageHandler
{
    public override string Name => "WhoAmI";

    public override (string Entity, Guid Id) Primary(XrmEmulator emulator, ParameterCollection input) => ("none", Guid.Empty);

    public override OrganizationResponse Execute(MessageContext context)
    {
        var response = Responses.Create(Name);
        response.Results["UserId"] = context.Caller.UserId;
        response.Results["BusinessUnitId"] = context.Emulator.BusinessUnitOf(context.Caller.UserId);
        response.Results["OrganizationId"] = context.Emulator.OrganizationId;
        return response;
    }
}

/// <summary>
/// States only a close message may set. The platform refuses an Update or SetState that moves an opportunity to Won or
/// Lost: "This message can not be used to set the state of opportunity to Lost. In order to set the state of
/// opportunity to Lost, use the LoseOpportunityRequest message instead." (likewise Won / WinOpportunityRequest). The
/// error code of that fault is not documented; InvalidArgument is used.
/// </summary>
internal static class CloseMessages
{
    public static void RefuseClosingUpdate(Entity target)
    {
        if (target.LogicalName != "opportunity" || !target.Attributes.TryGetValue("statecode", out var value) || value is not OptionSetValue state)
        {
            return;
        }

        var (label, request) = state.Value switch
        {
            1 => ("Won", "WinOpportunityRequest"),
            2 => ("Lost", "LoseOpportunityRequest"),
            _ => ((string?)null, (string?)null),
        };
        if (label != null)
        {
            throw Faults.Create(
                ErrorCodes.InvalidArgument,
                $"This message can not be used to set the state of opportunity to {label}. In order to set the state of opportunity to {label}, use the {request} message instead.");
        }
    }
}
