namespace AccountPlanXrm.Plugins.Infrastructure
{
    /// <summary>The current time (UTC) as the logic sees it.</summary>
    public interface IClock
    {
        DateTime UtcNow { get; }
    }

    /// <summary>A clock that always answers the same instant (tests, replays).</summary>
    public sealed class FixedClock : IClock
    {
        public FixedClock(DateTime utcNow)
        {
            UtcNow = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);
        }

        public DateTime UtcNow { get; }
    }

    /// <summary>
    /// The time at which the platform created the current operation, so every step of one operation sees the
    /// same instant; falls back to the system clock when the context carries no time.
    /// </summary>
    public sealed class OperationClock : IClock
    {
        private readonly IExecutionContext context;

        public OperationClock(IExecutionContext context)
        {
            this.context = context;
        }

        public DateTime UtcNow
        {
            get
            {
                var created = context.OperationCreatedOn;
                if (created == default)
                {
                    return DateTime.UtcNow;
                }

                return created.Kind == DateTimeKind.Local ? created.ToUniversalTime() : DateTime.SpecifyKind(created, DateTimeKind.Utc);
            }
        }
    }
}
