namespace AccountPlanXrm.Plugins.Resources
{
    /// <summary>Reads a user's UI language (usersettings.uilanguageid).</summary>
    public static class UserLanguage
    {
        public const int English = 1033;
        public const int German = 1031;

        /// <summary>The user's UI language id, or English when it cannot be read.</summary>
        public static int Read(IOrganizationService service, Guid userId, ITracingService? tracing = null)
        {
            if (userId == Guid.Empty)
            {
                return English;
            }

            try
            {
                var query = new QueryExpression(UserSettings.EntityName)
                {
                    ColumnSet = new ColumnSet(UserSettings.UiLanguageId),
                    TopCount = 1,
                };
                query.Criteria.AddCondition(UserSettings.SystemUserId, ConditionOperator.Equal, userId);
                var rows = service.RetrieveMultiple(query).Entities;
                return rows.Count == 0 ? English : rows[0].GetAttributeValue<int?>(UserSettings.UiLanguageId) ?? English;
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                tracing?.Trace("User language not readable, English used: {0}", fault.Message);
                return English;
            }
        }
    }
}
