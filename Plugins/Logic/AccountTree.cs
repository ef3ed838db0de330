namespace AccountPlanXrm.Plugins.Logic
{
    /// <summary>The readable accounts with their parent, name and industry, loaded up the hierarchy on demand.</summary>
    internal sealed class AccountTree(IOrganizationService service)
    {
        private readonly Dictionary<Guid, Entity> rows = new Dictionary<Guid, Entity>();
        private readonly HashSet<Guid> requested = new HashSet<Guid>();

        /// <summary>Reads the accounts and, level by level, their ancestors (unreadable ones end a chain).</summary>
        public void Load(IEnumerable<Guid> ids)
        {
            var pending = ids.Where(id => requested.Add(id)).ToList();
            while (pending.Count > 0)
            {
                var parents = new List<Guid>();
                for (var i = 0; i < pending.Count; i += 500)
                {
                    var chunk = pending.Skip(i).Take(500).Cast<object>().ToArray();
                    var query = new QueryExpression(Account.EntityName) { ColumnSet = new ColumnSet(Account.Name, Account.ParentAccountId, Account.IndustryCode) };
                    query.Criteria.AddCondition(Account.Id, ConditionOperator.In, chunk);
                    foreach (var row in service.RetrieveMultiple(query).Entities)
                    {
                        rows[row.Id] = row;
                        var parent = row.GetAttributeValue<EntityReference>(Account.ParentAccountId);
                        if (parent != null && requested.Add(parent.Id))
                        {
                            parents.Add(parent.Id);
                        }
                    }
                }

                pending = parents;
            }
        }

        public bool IsReadable(Guid id) => rows.ContainsKey(id);

        public string Name(Guid id) => rows.TryGetValue(id, out var row) ? row.GetAttributeValue<string>(Account.Name) ?? string.Empty : string.Empty;

        public Guid? Parent(Guid id) => rows.TryGetValue(id, out var row) ? row.GetAttributeValue<EntityReference>(Account.ParentAccountId)?.Id : null;

        public int? Industry(Guid id) => rows.TryGetValue(id, out var row) ? row.GetAttributeValue<OptionSetValue>(Account.IndustryCode)?.Value : null;

        /// <summary>The account and every readable ancestor (cycle-safe).</summary>
        public IEnumerable<Guid> SelfAndAncestors(Guid id)
        {
            var seen = new HashSet<Guid>();
            Guid? current = id;
            while (current.HasValue && seen.Add(current.Value))
            {
                yield return current.Value;
                current = Parent(current.Value);
            }
        }
    }
}
