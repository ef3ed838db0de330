namespace AccountPlanXrm.Plugins.Infrastructure
{
    /// <summary>Typed column access with a clear, localized error for a value of the wrong type.</summary>
    public static class Values
    {
        public static T? Get<T>(Entity entity, string column, Messages messages)
        {
            if (!entity.Attributes.Contains(column))
            {
                return default;
            }

            var value = entity.Attributes[column];
            if (value == null)
            {
                return default;
            }

            if (value is T typed)
            {
                return typed;
            }

            throw new InvalidPluginExecutionException(messages.WrongType(column, TypeName(typeof(T))));
        }

        public static EntityReference? Reference(Entity entity, string column, Messages messages) =>
            Get<EntityReference>(entity, column, messages);

        public static decimal? Money(Entity entity, string column, Messages messages) =>
            Get<Money>(entity, column, messages)?.Value;

        public static int? Option(Entity entity, string column, Messages messages) =>
            Get<OptionSetValue>(entity, column, messages)?.Value;

        public static DateTime? Date(Entity entity, string column, Messages messages) => Struct<DateTime>(entity, column, messages);

        public static int? Int(Entity entity, string column, Messages messages) => Struct<int>(entity, column, messages);

        public static decimal? Decimal(Entity entity, string column, Messages messages) => Struct<decimal>(entity, column, messages);

        public static bool? Bool(Entity entity, string column, Messages messages) => Struct<bool>(entity, column, messages);

        /// <summary>As <see cref="Get{T}"/> for a value type: null when the column is absent or empty.</summary>
        private static T? Struct<T>(Entity entity, string column, Messages messages)
            where T : struct
        {
            if (!entity.Attributes.Contains(column) || entity.Attributes[column] == null)
            {
                return null;
            }

            return entity.Attributes[column] is T value
                ? value
                : throw new InvalidPluginExecutionException(messages.WrongType(column, TypeName(typeof(T))));
        }

        /// <summary>True when the column holds a value a person would call filled in.</summary>
        public static bool IsFilled(Entity entity, string column)
        {
            if (!entity.Attributes.Contains(column))
            {
                return false;
            }

            var value = entity.Attributes[column];
            switch (value)
            {
                case null: return false;
                case string text: return text.Trim().Length > 0;
                case EntityReference reference: return reference.Id != Guid.Empty;
                default: return true;
            }
        }

        /// <summary>The record as it will be: the pre-image (or stored row) with the target's columns laid over it.</summary>
        public static Entity Merge(Entity? before, Entity target)
        {
            var merged = new Entity(target.LogicalName, target.Id);
            if (before != null)
            {
                foreach (var pair in before.Attributes)
                {
                    merged.Attributes[pair.Key] = pair.Value;
                }

                if (merged.Id == Guid.Empty)
                {
                    merged.Id = before.Id;
                }
            }

            foreach (var pair in target.Attributes)
            {
                merged.Attributes[pair.Key] = pair.Value;
            }

            return merged;
        }

        /// <summary>
        /// The columns of <paramref name="columns"/> the target sends with a value other than the stored row's (a column the
        /// row lacks, or no row at all, counts as empty), compared with <see cref="SameValue"/>.
        /// </summary>
        public static string[] ChangedColumns(Entity target, Entity? stored, IEnumerable<string> columns) =>
            columns.Where(c => target.Attributes.Contains(c) && !SameValue(stored != null && stored.Attributes.Contains(c) ? stored[c] : null, target[c])).ToArray();

        /// <summary>Compares two column values the way a write would: money, choices and references by value.</summary>
        public static bool SameValue(object? left, object? right)
        {
            if (left is Money lm)
            {
                left = lm.Value;
            }

            if (right is Money rm)
            {
                right = rm.Value;
            }

            if (left is string ls && ls.Length == 0)
            {
                left = null;
            }

            if (right is string rs && rs.Length == 0)
            {
                right = null;
            }

            if (left is DateTime ld && right is DateTime rd)
            {
                return Utc(ld) == Utc(rd);
            }

            if (left is EntityReference le && right is EntityReference re)
            {
                return le.Id == re.Id && string.Equals(le.LogicalName, re.LogicalName, StringComparison.OrdinalIgnoreCase);
            }

            return Equals(left, right);
        }

        private static DateTime Utc(DateTime value) =>
            value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        private static string TypeName(Type type)
        {
            if (type == typeof(Money)) return "Money";
            if (type == typeof(OptionSetValue)) return "OptionSetValue";
            if (type == typeof(EntityReference)) return "EntityReference";
            if (type == typeof(DateTime)) return "DateTime";
            if (type == typeof(int)) return "Int32";
            if (type == typeof(decimal)) return "Decimal";
            if (type == typeof(bool)) return "Boolean";
            if (type == typeof(string)) return "String";
            return type.Name;
        }
    }
}
