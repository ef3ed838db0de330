namespace AccountPlanXrm.Plugins.Model
{
    // Logical names and values of the platform's tables the plug-ins read and write (the rest of the contract is in
    // Schema.cs; docs/schema.md lists both).

    public static class Opportunity
    {
        public const string EntityName = "opportunity";
        public const string Id = "opportunityid";
        public const string CustomerId = "customerid";
        public const string ParentAccountId = "parentaccountid";
        public const string EstimatedValueBase = "estimatedvalue_base";
        public const string ActualValueBase = "actualvalue_base";
        public const string CloseProbability = "closeprobability";
        public const string ActualCloseDate = "actualclosedate";
        public const string Margin = "apx_margin";
        public const string MarginBase = "apx_margin_base";
        public const string EstimatedValue = "estimatedvalue";
        public const string ActualValue = "actualvalue";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string ExchangeRate = "exchangerate";
        public const string EstimatedCloseDate = "estimatedclosedate";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";

        public const int StateOpen = 0;
        public const int StateWon = 1;
        public const int StateLost = 2;

        /// <summary>
        /// Exactly the columns an opportunity's contribution to a plan depends on (the pre- and post-image columns):
        /// its accounts, state, the date of that state and the base-currency values.
        /// </summary>
        public static readonly string[] ContributionColumns =
        {
            CustomerId, ParentAccountId, StateCode, ActualCloseDate, EstimatedCloseDate, ActualValueBase, EstimatedValueBase, CloseProbability,
        };
    }

    public static class Account
    {
        public const string EntityName = "account";
        public const string Id = "accountid";
        public const string Name = "name";
        public const string ParentAccountId = "parentaccountid";
        public const string IndustryCode = "industrycode";
    }

    public static class ReviewTask
    {
        public const string EntityName = "task";
        public const string Id = "activityid";
        public const string Subject = "subject";
        public const string Description = "description";
        public const string RegardingObjectId = "regardingobjectid";
        public const string ScheduledEnd = "scheduledend";
        public const string Category = "category";
        public const string OwnerId = "ownerid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";

        /// <summary>The category that marks a task as an account plan review task.</summary>
        public const string ReviewCategory = "apx_planreview";

        /// <summary>The name the deterministic ids of review tasks are derived in (with the plan and the due date).</summary>
        public const string IdNamespace = "apx_planreview_task";

        public const int StateOpen = 0;
        public const int StateCompleted = 1;
        public const int StateCanceled = 2;
        public const int StatusCompleted = 5;
        public const int StatusCanceled = 6;
    }

    public static class SystemUser
    {
        public const string EntityName = "systemuser";
    }

    public static class Team
    {
        public const string EntityName = "team";
    }

    public static class TeamMembership
    {
        public const string EntityName = "teammembership";
        public const string TeamId = "teamid";
        public const string SystemUserId = "systemuserid";
    }

    public static class Currency
    {
        public const string EntityName = "transactioncurrency";
        public const string IsoCode = "isocurrencycode";
        public const string ExchangeRate = "exchangerate";
    }

    public static class Organization
    {
        public const string EntityName = "organization";
        public const string BaseCurrencyId = "basecurrencyid";
    }

    /// <summary>Security roles and their assignments (systemuserroles, teamroles: the intersect tables).</summary>
    public static class SecurityRoles
    {
        public const string RoleEntity = "role";
        public const string RoleId = "roleid";
        public const string Name = "name";
        public const string UserRoles = "systemuserroles";
        public const string TeamRoles = "teamroles";
        public const string SystemUserId = "systemuserid";
        public const string TeamId = "teamid";

        /// <summary>The roles that may set or change a plan's steering committee.</summary>
        public static readonly string[] CommitteeEditors = { "Account Plan Manager", "Account Plan Administrator", "System Administrator" };
    }

    /// <summary>
    /// Phone calls, appointments and e-mails: completing one regarding a plan with a stakeholder's contact among its
    /// parties logs a contact with that stakeholder (statecode Completed is 1 for all three activity tables).
    /// </summary>
    public static class ContactActivity
    {
        public const string PhoneCall = "phonecall";
        public const string Appointment = "appointment";
        public const string Email = "email";
        public const string RegardingObjectId = "regardingobjectid";
        public const string ActualEnd = "actualend";
        public const string StateCode = "statecode";
        public const string ContactEntityName = "contact";
        public const string PartyId = "partyid";

        public const int StateCompleted = 1;

        /// <summary>Columns of the step's post-image.</summary>
        public static readonly string[] ImageColumns = { RegardingObjectId, StateCode, ActualEnd };

        /// <summary>The party-list columns of each activity table (who took part).</summary>
        public static string[] PartyColumns(string entityName)
        {
            switch (entityName)
            {
                case PhoneCall: return new[] { "from", "to" };
                case Appointment: return new[] { "organizer", "requiredattendees", "optionalattendees" };
                case Email: return new[] { "from", "to", "cc", "bcc" };
                default: return new string[0];
            }
        }
    }

    public static class UserSettings
    {
        public const string EntityName = "usersettings";
        public const string SystemUserId = "systemuserid";
        public const string UiLanguageId = "uilanguageid";
    }
}
