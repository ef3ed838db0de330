namespace AccountPlanXrm.Plugins.Model
{
    /// <summary>Logical names and choice values of the account plan tables (docs/schema.md).</summary>
    public static class Plan
    {
        public const string EntityName = "apx_accountplan";
        public const string Id = "apx_accountplanid";
        public const string Name = "apx_name";
        public const string AccountId = "apx_accountid";
        public const string TemplateId = "apx_templateid";
        public const string SelectionReason = "apx_selectionreason";
        public const string SelectionRationale = "apx_selectionrationale";
        public const string PeriodStart = "apx_periodstart";
        public const string PeriodEnd = "apx_periodend";
        public const string ReviewCadence = "apx_reviewcadence";
        public const string NextReviewOn = "apx_nextreviewon";
        public const string LastReviewOn = "apx_lastreviewon";

        public const string BusinessModel = "apx_businessmodel";
        public const string Products = "apx_products";
        public const string Challenges = "apx_challenges";
        public const string MarketTrends = "apx_markettrends";

        public const string CompetitivePosition = "apx_competitiveposition";
        public const string Competitors = "apx_competitors";
        public const string SalesSuccesses = "apx_salessuccesses";
        public const string Strengths = "apx_strengths";
        public const string Weaknesses = "apx_weaknesses";
        public const string Opportunities = "apx_opportunities";
        public const string Threats = "apx_threats";

        public const string RevenueTarget = "apx_revenuetarget";
        public const string RevenueTargetBase = "apx_revenuetarget_base";
        public const string MarginTarget = "apx_margintarget";
        public const string FinancialKpis = "apx_financialkpis";
        public const string PlannedDevelopments = "apx_planneddevelopments";

        public const string PlanBudget = "apx_planbudget";
        public const string DecisionThreshold = "apx_decisionthreshold";
        public const string DecisionThresholdBase = "apx_decisionthreshold_base";
        public const string SteeringCommitteeId = "apx_steeringcommitteeid";

        public const string ManagementSummary = "apx_managementsummary";

        public const string PreviousPlanId = "apx_previousplanid";
        public const string PreviousSummary = "apx_previoussummary";
        public const string PreviousKpis = "apx_previouskpis";

        public const string WonRevenue = "apx_wonrevenue";
        public const string OpenPipeline = "apx_openpipeline";
        public const string WeightedPipeline = "apx_weightedpipeline";

        /// <summary>Exact base-currency sums behind the three revenue KPIs (decimal, precision 6), kept by the roll-up.</summary>
        public const string WonRevenueExact = "apx_wonrevenueexact";
        public const string OpenPipelineExact = "apx_openpipelineexact";
        public const string WeightedPipelineExact = "apx_weightedpipelineexact";
        public const string AttainmentPct = "apx_attainmentpct";
        public const string MeasureCount = "apx_measurecount";
        public const string MeasureBudget = "apx_measurebudget";
        public const string MeasureCost = "apx_measurecost";
        public const string MeasureDonePct = "apx_measuredonepct";
        public const string KpisCalculatedOn = "apx_kpiscalculatedon";

        public const string CompletenessPct = "apx_completenesspct";
        public const string CompletenessAnalysis = "apx_completenessanalysis";
        public const string CompletenessPosition = "apx_completenessposition";
        public const string CompletenessGoals = "apx_completenessgoals";
        public const string CompletenessMeasures = "apx_completenessmeasures";
        public const string CompletenessStakeholders = "apx_completenessstakeholders";
        public const string CompletenessSummary = "apx_completenesssummary";
        public const string MissingItems = "apx_missingitems";

        public const string OwnerId = "ownerid";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string ExchangeRate = "exchangerate";

        public const int StateActive = 0;
        public const int StateInactive = 1;
        public const int StatusDraft = 1;
        public const int StatusInReview = 726000000;
        public const int StatusActive = 726000001;
        public const int StatusClosed = 2;
        public const int StatusCancelled = 726000002;

        public const int CadenceQuarterly = 726000000;
        public const int CadenceSemiAnnual = 726000001;

        public const int ReasonTopRevenue = 726000000;
        public const int ReasonTopProfit = 726000001;
        public const int ReasonStrategic = 726000002;
        public const int ReasonDevelopment = 726000003;
        public const int ReasonSpecialProject = 726000004;

        /// <summary>Every column a template may require, per section, in form order.</summary>
        public static readonly string[] AnalysisColumns = { BusinessModel, Products, Challenges, MarketTrends };

        public static readonly string[] PositionColumns =
            { CompetitivePosition, Competitors, SalesSuccesses, Strengths, Weaknesses, Opportunities, Threats };

        public static readonly string[] GoalsColumns = { RevenueTarget, MarginTarget, FinancialKpis, PlannedDevelopments };

        public static readonly string[] SummaryColumns =
            { ManagementSummary, SelectionReason, SelectionRationale, SteeringCommitteeId, PlanBudget, DecisionThreshold };
    }

    public static class Measure
    {
        public const string EntityName = "apx_planmeasure";
        public const string Id = "apx_planmeasureid";
        public const string Name = "apx_name";
        public const string PlanId = "apx_accountplanid";
        public const string Budget = "apx_budget";
        public const string BudgetBase = "apx_budget_base";
        public const string ActualCost = "apx_actualcost";
        public const string ActualCostBase = "apx_actualcost_base";
        public const string BusinessCritical = "apx_businesscritical";
        public const string DecisionId = "apx_decisionid";
        public const string OriginalMeasureId = "apx_originalmeasureid";
        public const string Description = "apx_description";
        public const string ResponsibleId = "apx_responsibleid";
        public const string TeamId = "apx_teamid";
        public const string StartDate = "apx_startdate";
        public const string DueDate = "apx_duedate";
        public const string ExpectedRevenue = "apx_expectedrevenue";
        public const string OpportunityId = "apx_opportunityid";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string ExchangeRate = "exchangerate";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";

        public const int StateActive = 0;
        public const int StatusPlanned = 1;
        public const int StatusInProgress = 726000000;
        public const int StatusDone = 2;
        public const int StatusCancelled = 726000001;

        /// <summary>The columns a roll-forward copies to the next period's measure.</summary>
        public static readonly string[] CarriedColumns =
        {
            Name, Description, ResponsibleId, TeamId, Budget, StartDate, DueDate, ExpectedRevenue, OpportunityId, BusinessCritical,
            StatusCode, TransactionCurrencyId,
        };
    }

    public static class Stakeholder
    {
        public const string EntityName = "apx_planstakeholder";
        public const string Id = "apx_planstakeholderid";
        public const string Name = "apx_name";
        public const string PlanId = "apx_accountplanid";
        public const string ContactId = "apx_contactid";
        public const string UserId = "apx_userid";
        public const string Frequency = "apx_frequency";
        public const string LastContactOn = "apx_lastcontacton";
        public const string NextContactOn = "apx_nextcontacton";
        public const string Side = "apx_side";
        public const string Role = "apx_role";
        public const string Influence = "apx_influence";
        public const string Attitude = "apx_attitude";
        public const string Channel = "apx_channel";
        public const string CommunicationTopic = "apx_communicationtopic";
        public const string CommunicationGoal = "apx_communicationgoal";
        public const string CreatedOn = "createdon";
        public const string StateCode = "statecode";

        public const int StateActive = 0;

        public const int FrequencyWeekly = 726000000;
        public const int FrequencyMonthly = 726000001;
        public const int FrequencyQuarterly = 726000002;
        public const int FrequencySemiAnnually = 726000003;
        public const int FrequencyAdHoc = 726000004;

        /// <summary>The columns a roll-forward copies to the next period's stakeholder (the communication plan).</summary>
        public static readonly string[] CarriedColumns =
        {
            Name, ContactId, UserId, Side, Role, Influence, Attitude, Channel, Frequency, CommunicationTopic, CommunicationGoal,
            LastContactOn, NextContactOn,
        };
    }

    public static class Decision
    {
        public const string EntityName = "apx_plandecision";
        public const string Id = "apx_plandecisionid";
        public const string Name = "apx_name";
        public const string PlanId = "apx_accountplanid";
        public const string DecidedById = "apx_decidedbyid";
        public const string DecidedOn = "apx_decidedon";
        public const string DecisionType = "apx_decisiontype";
        public const string RequestedBudget = "apx_requestedbudget";
        public const string RequestedBudgetBase = "apx_requestedbudget_base";
        public const string TransactionCurrencyId = "transactioncurrencyid";
        public const string CreatedBy = "createdby";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";

        public const int TypeBudget = 726000000;
        public const int TypeBusinessCritical = 726000001;

        public const int StatusProposed = 1;
        public const int StatusDeferred = 726000000;
        public const int StatusApproved = 2;
        public const int StatusRejected = 726000001;
    }

    public static class Review
    {
        public const string EntityName = "apx_planreview";
        public const string Id = "apx_planreviewid";
        public const string Name = "apx_name";
        public const string PlanId = "apx_accountplanid";
        public const string ReviewDate = "apx_reviewdate";
        public const string PresenterId = "apx_presenterid";
        public const string RevenueTarget = "apx_revenuetarget";
        public const string WonRevenue = "apx_wonrevenue";
        public const string OpenPipeline = "apx_openpipeline";
        public const string WeightedPipeline = "apx_weightedpipeline";
        public const string AttainmentPct = "apx_attainmentpct";
        public const string MeasureDonePct = "apx_measuredonepct";
        public const string MeasureCount = "apx_measurecount";
        public const string CompletenessPct = "apx_completenesspct";
        public const string SourceTaskId = "apx_sourcetaskid";
    }

    public static class Template
    {
        public const string EntityName = "apx_plantemplate";
        public const string Id = "apx_plantemplateid";
        public const string Name = "apx_name";
        public const string Depth = "apx_depth";
        public const string RequiredAnalysis = "apx_requiredanalysis";
        public const string RequiredPosition = "apx_requiredposition";
        public const string RequiredGoals = "apx_requiredgoals";
        public const string RequiredSummary = "apx_requiredsummary";
        public const string MinMeasures = "apx_minmeasures";
        public const string MinStakeholders = "apx_minstakeholders";
        public const string DefaultCadence = "apx_defaultcadence";
        public const string CompactThreshold = "apx_compactthreshold";
        public const string IsDefault = "apx_isdefault";
        public const string StateCode = "statecode";

        public const int DepthFull = 726000000;
        public const int DepthCompact = 726000001;
    }

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
