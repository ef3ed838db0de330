namespace AccountPlanXrm.Emulator.Query;

/// <summary>
/// Turns one condition on a column of known type into a test over the stored value. Comparison semantics follow
/// SQL as Dataverse runs it: a null column matches only Null (and the negated hierarchy operators); strings
/// compare case-insensitively; the date operators are
/// <see cref="DateConditions"/>.
/// </summary>
internal sealed class ConditionCompiler(IQuerySource source)
{
    private readonly DateConditions _dates = new(source.UtcNow);

    public RowPredicate Compile(QueryNode node, QueryCondition condition, QueryAttributeType type)
    {
        var attribute = condition.Attribute;
        var table = node.EntityName;
        var op = condition.Operator;
        var values = condition.Values;

        object? Value(int index)
        {
            if (values.Count <= index)
            {
                throw QueryFaults.Invalid($"The condition operator '{op}' on attribute '{attribute}' requires a value.");
            }

            return QueryValues.ConvertConditionValue(values[index], type, table, attribute);
        }

        int IntValue(int index)
        {
            if (values.Count <= index || values[index] == null)
            {
                throw QueryFaults.Invalid($"The condition operator '{op}' on attribute '{attribute}' requires a value.");
            }

            var raw = values[index];
            try
            {
                return raw is string s ? int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture) : Convert.ToInt32(raw, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                throw QueryFaults.Invalid($"The condition operator '{op}' on attribute '{attribute}' requires a whole number.");
            }
        }

        RowPredicate P(Func<object?, bool> test) => new ValuePredicate(node.Slot, attribute, node.PrimaryIdAttribute, test);

        if (values.Count == 1 && type != QueryAttributeType.MultiSelectPicklist
            && op is ConditionOperator.Equal or ConditionOperator.NotEqual or ConditionOperator.GreaterThan
                or ConditionOperator.GreaterEqual or ConditionOperator.LessThan or ConditionOperator.LessEqual
            && TryCompileTyped(node, attribute, op, Value(0)) is RowPredicate typed)
        {
            return typed;
        }

        switch (op)
        {
            case ConditionOperator.Equal:
                if (type == QueryAttributeType.MultiSelectPicklist)
                {
                    var wanted = ConvertAll(values, type, table, attribute).Cast<int>().ToHashSet();
                    return P(v => v is OptionSetValueCollection c && c.Select(o => o.Value).ToHashSet().SetEquals(wanted));
                }

                var equal = Value(0);
                if (equal == null)
                {
                    return new ConstantPredicate(false);
                }

                if (equal is Guid g)
                {
                    return P(v => v is Guid x && x == g);
                }

                return P(v => QueryValues.AreEqual(v, equal));
            case ConditionOperator.NotEqual:
                var notEqual = Value(0);
                return P(v => v != null && !QueryValues.AreEqual(v, notEqual));
            case ConditionOperator.GreaterThan:
                var gt = Value(0);
                return P(v => v != null && gt != null && QueryValues.Compare(v, gt) > 0);
            case ConditionOperator.GreaterEqual:
                var ge = Value(0);
                return P(v => v != null && ge != null && QueryValues.Compare(v, ge) >= 0);
            case ConditionOperator.LessThan:
                var lt = Value(0);
                return P(v => v != null && lt != null && QueryValues.Compare(v, lt) < 0);
            case ConditionOperator.LessEqual:
                var le = Value(0);
                return P(v => v != null && le != null && QueryValues.Compare(v, le) <= 0);
            case ConditionOperator.In:
            case ConditionOperator.NotIn:
            {
                var list = ConvertAll(values, type, table, attribute);
                if (list.Count == 0)
                {
                    throw QueryFaults.Invalid($"The condition operator '{op}' on attribute '{attribute}' requires at least one value.");
                }

                Func<object?, bool> contains;
                if (list.All(x => x is Guid or int or decimal))
                {
                    var set = list.ToHashSet();
                    contains = v => v != null && set.Contains(v);
                }
                else
                {
                    contains = v => v != null && list.Any(x => QueryValues.AreEqual(v, x));
                }

                return op == ConditionOperator.In ? P(contains) : P(v => v != null && !contains(v));
            }

            case ConditionOperator.Between:
            case ConditionOperator.NotBetween:
            {
                if (values.Count != 2)
                {
                    throw QueryFaults.Invalid($"The condition operator '{op}' on attribute '{attribute}' requires two values.");
                }

                var low = Value(0);
                var high = Value(1);
                bool Inside(object v) => QueryValues.Compare(v, low) >= 0 && QueryValues.Compare(v, high) <= 0;
                return op == ConditionOperator.Between ? P(v => v != null && Inside(v)) : P(v => v != null && !Inside(v));
            }

            case ConditionOperator.Null:
                return P(v => v == null);
            case ConditionOperator.NotNull:
                return P(v => v != null);
            case ConditionOperator.Like:
            case ConditionOperator.NotLike:
            {
                var regex = LikePattern.Compile(Convert.ToString(values.Count > 0 ? values[0] : null, CultureInfo.InvariantCulture) ?? "");
                return op == ConditionOperator.Like
                    ? P(v => v != null && regex.IsMatch(AsText(v)))
                    : P(v => v != null && !regex.IsMatch(AsText(v)));
            }

            case ConditionOperator.BeginsWith:
            case ConditionOperator.DoesNotBeginWith:
            case ConditionOperator.EndsWith:
            case ConditionOperator.DoesNotEndWith:
            case ConditionOperator.Contains:
            case ConditionOperator.DoesNotContain:
            {
                var text = LikePattern.Escape(Convert.ToString(values.Count > 0 ? values[0] : null, CultureInfo.InvariantCulture) ?? "");
                var pattern = op switch
                {
                    ConditionOperator.BeginsWith or ConditionOperator.DoesNotBeginWith => text + "%",
                    ConditionOperator.EndsWith or ConditionOperator.DoesNotEndWith => "%" + text,
                    _ => "%" + text + "%",
                };
                var regex = LikePattern.Compile(pattern);
                var positive = op is ConditionOperator.BeginsWith or ConditionOperator.EndsWith or ConditionOperator.Contains;
                return positive
                    ? P(v => v != null && regex.IsMatch(AsText(v)))
                    : P(v => v != null && !regex.IsMatch(AsText(v)));
            }

            case ConditionOperator.EqualUserId:
            case ConditionOperator.EqualUserOrUserHierarchy:
                return P(IdIs(source.CallingUserId, equal: true));
            case ConditionOperator.NotEqualUserId:
                return P(IdIs(source.CallingUserId, equal: false));
            case ConditionOperator.EqualBusinessId:
                return P(IdIs(source.BusinessUnitId, equal: true));
            case ConditionOperator.NotEqualBusinessId:
                return P(IdIs(source.BusinessUnitId, equal: false));

            case ConditionOperator.EqualUserTeams:
            {
                var teams = source.CallingUserTeamIds.ToHashSet();
                return P(v => v is Guid g && teams.Contains(g));
            }

            case ConditionOperator.EqualUserOrUserTeams:
            case ConditionOperator.EqualUserOrUserHierarchyAndTeams:
            {
                var ids = source.CallingUserTeamIds.ToHashSet();
                ids.Add(source.CallingUserId);
                return P(v => v is Guid g && ids.Contains(g));
            }

            case ConditionOperator.EqualUserLanguage:
                return P(v => v is decimal d && d == 1033m || v is int i && i == 1033);
            case ConditionOperator.ContainValues:
            case ConditionOperator.DoesNotContainValues:
            {
                var wanted = ConvertAll(values, type, table, attribute).Cast<int>().ToHashSet();
                Func<object?, bool> any = v => v is OptionSetValueCollection c && c.Any(o => wanted.Contains(o.Value));
                return op == ConditionOperator.ContainValues ? P(any) : P(v => v is OptionSetValueCollection && !any(v));
            }

            case ConditionOperator.Under:
            case ConditionOperator.UnderOrEqual:
            case ConditionOperator.NotUnder:
            case ConditionOperator.Above:
            case ConditionOperator.AboveOrEqual:
                return CompileHierarchy(node, op, (Guid)Value(0)!);
            default:
                return _dates.Compile(op, Value, IntValue, attribute) is { } test
                    ? P(test)
                    : throw QueryFaults.Create(
                        QueryFaults.InvalidConditionOperator,
                        $"The condition operator '{op}' is not supported by the emulator's query engine.");
        }
    }

    /// <summary>
    /// Comparison operators against one id, choice, number or date value, evaluated on the stored SDK value
    /// without normalising (no boxing in the hot path).
    /// </summary>
    private static RowPredicate? TryCompileTyped(QueryNode node, string attribute, ConditionOperator op, object? value)
    {
        if (value is Guid && op is not (ConditionOperator.Equal or ConditionOperator.NotEqual))
        {
            return null;
        }

        return value is Guid or int or decimal or DateTime
            ? new TypedComparePredicate(node.Slot, attribute, node.PrimaryIdAttribute, op, value)
            : null;
    }

    /// <summary>
    /// Levels a hierarchy operator walks: the platform's default limit of 100 recursions for Above, AboveOrEqual, Under,
    /// UnderOrEqual and NotUnder ("Query hierarchical data"); rows deeper than that are not reached.
    /// </summary>
    public const int HierarchyDepthLimit = 100;

    private RowPredicate CompileHierarchy(QueryNode node, ConditionOperator op, Guid target)
    {
        var table = node.EntityName;
        var parentAttribute = source.GetHierarchyParentAttribute(table)
            ?? throw QueryFaults.Invalid($"The '{table}' entity has no hierarchical relationship; hierarchy operators cannot be used.");

        Guid? ParentOf(Entity e) =>
            e.Attributes.TryGetValue(parentAttribute, out var p) && p is EntityReference r ? r.Id : null;

        // Ancestors of the target (for Above): walk up once.
        HashSet<Guid> Ancestors(Guid id)
        {
            var result = new HashSet<Guid>();
            var current = source.GetRow(table, id);
            while (current != null && ParentOf(current) is Guid parent && result.Add(parent) && result.Count < HierarchyDepthLimit)
            {
                current = source.GetRow(table, parent);
            }

            return result;
        }

        bool IsUnder(Entity e)
        {
            var seen = 0;
            var parent = ParentOf(e);
            while (parent is Guid p && seen++ < HierarchyDepthLimit)
            {
                if (p == target)
                {
                    return true;
                }

                var row = source.GetRow(table, p);
                parent = row == null ? null : ParentOf(row);
            }

            return false;
        }

        switch (op)
        {
            case ConditionOperator.Under:
                return new EntityPredicate(node.Slot, e => e != null && IsUnder(e));
            case ConditionOperator.UnderOrEqual:
                return new EntityPredicate(node.Slot, e => e != null && (e.Id == target || IsUnder(e)));
            case ConditionOperator.NotUnder:
                return new EntityPredicate(node.Slot, e => e != null && !IsUnder(e));
            default:
                var ancestors = Ancestors(target);
                if (op == ConditionOperator.AboveOrEqual)
                {
                    ancestors.Add(target);
                }

                return new EntityPredicate(node.Slot, e => e != null && ancestors.Contains(e.Id));
        }
    }

    private static List<object?> ConvertAll(IList<object?> values, QueryAttributeType type, string table, string attribute)
    {
        var result = new List<object?>(values.Count);
        foreach (var value in values)
        {
            // A single array or collection value (AddCondition with params) is flattened like the platform does.
            if (value is System.Collections.IEnumerable sequence and not string)
            {
                foreach (var item in sequence)
                {
                    result.Add(QueryValues.ConvertConditionValue(item, type, table, attribute));
                }
            }
            else
            {
                result.Add(QueryValues.ConvertConditionValue(value, type, table, attribute));
            }
        }

        return result;
    }

    private static Func<object?, bool> IdIs(Guid id, bool equal) => v => v is Guid g && (g == id) == equal;

    private static string AsText(object v) => v as string ?? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
}
