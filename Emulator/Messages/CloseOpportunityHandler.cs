namespace AccountPlanXrm.Emulator.Messages;

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

        var table = emulator.Locator.TableOrFault("opportunity");
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
        return NewResponse();
    }
}
