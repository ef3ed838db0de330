using System.Diagnostics;

namespace AccountPlanXrm.Plugins.Infrastructure
{
    /// <summary>
    /// The one base of every step: builds a <see cref="LocalPluginContext"/> per call (plugin instances are cached
    /// and shared, so they hold no per-call state), traces entry, exit and duration, and turns anything that is not
    /// already an <see cref="InvalidPluginExecutionException"/> into one.
    /// </summary>
    public abstract class PluginBase : IPlugin
    {
        protected PluginBase(string? unsecureConfiguration = null, string? secureConfiguration = null)
        {
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
        }

        protected string? UnsecureConfiguration { get; }

        protected string? SecureConfiguration { get; }

        public void Execute(IServiceProvider serviceProvider)
        {
            if (serviceProvider == null)
            {
                throw new InvalidPluginExecutionException(nameof(serviceProvider));
            }

            var local = new LocalPluginContext(serviceProvider);
            var name = GetType().Name;
            var context = local.Context;
            local.Trace(
                "{0}: {1} of {2} {3}, stage {4}, mode {5}, depth {6}, correlation {7}",
                name, context.MessageName, context.PrimaryEntityName, context.PrimaryEntityId, context.Stage, context.Mode,
                context.Depth, context.CorrelationId);
            var watch = Stopwatch.StartNew();
            try
            {
                ExecuteStep(local);
            }
            catch (InvalidPluginExecutionException)
            {
                throw;
            }
            catch (FaultException<OrganizationServiceFault> fault)
            {
                local.Trace("{0}: service fault {1}: {2}", name, fault.Detail?.ErrorCode ?? 0, fault.Message);
                throw new InvalidPluginExecutionException(
                    OperationStatus.Failed, fault.Detail?.ErrorCode ?? 0, local.Messages.ServiceFault(name, fault.Message));
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                local.Trace("{0}: {1}", name, ex.ToString());
                throw new InvalidPluginExecutionException(local.Messages.UnexpectedError(name, ex.Message), ex);
            }
            finally
            {
                local.Trace("{0}: done in {1} ms", name, watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture));
            }
        }

        /// <summary>The step's work; the logic lives in plain classes this method calls.</summary>
        protected abstract void ExecuteStep(LocalPluginContext context);
    }

    /// <summary>The services of one plugin call, resolved from the service provider.</summary>
    public sealed class LocalPluginContext
    {
        private IOrganizationService? userService;
        private IOrganizationService? systemService;
        private Messages? messages;

        public LocalPluginContext(IServiceProvider serviceProvider)
        {
            ServiceProvider = serviceProvider;
            Context = serviceProvider.GetService(typeof(IPluginExecutionContext)) as IPluginExecutionContext
                ?? throw new InvalidPluginExecutionException("IPluginExecutionContext is not available.");
            Tracing = serviceProvider.GetService(typeof(ITracingService)) as ITracingService ?? new NullTracing();
            Factory = serviceProvider.GetService(typeof(IOrganizationServiceFactory)) as IOrganizationServiceFactory
                ?? throw new InvalidPluginExecutionException("IOrganizationServiceFactory is not available.");
            Clock = new OperationClock(Context);
        }

        public IServiceProvider ServiceProvider { get; }

        public IPluginExecutionContext Context { get; }

        public ITracingService Tracing { get; }

        public IOrganizationServiceFactory Factory { get; }

        public IClock Clock { get; }

        /// <summary>
        /// The service of the user the step runs as (the calling user unless the step impersonates): for what the user
        /// asks — reads whose result the user sees (apx_RankAccounts, the plan apx_RecalculatePlan answers for, the rows
        /// a validation message names). A user never reads through a plug-in what the user could not read directly.
        /// </summary>
        public IOrganizationService UserService => userService ??= Factory.CreateOrganizationService(Context.UserId);

        /// <summary>
        /// The SYSTEM service, only where the product needs it: KPI and completeness writes to plans the user may not
        /// own, review tasks and snapshots, rules that must count rows the user cannot see (overlaps, child rows),
        /// templates, steering committee membership, and the user's UI language.
        /// </summary>
        public IOrganizationService SystemService => systemService ??= Factory.CreateOrganizationService(null);

        /// <summary>
        /// User-facing texts in the UI language of the user who started the request (usersettings.uilanguageid, read
        /// as SYSTEM by <see cref="IExecutionContext.InitiatingUserId"/> only when a text is needed; English when
        /// absent). The initiating user, not <see cref="IExecutionContext.UserId"/>: in steps triggered by a plug-in's
        /// SYSTEM write the user is SYSTEM, yet the message still reaches the person who started the request.
        /// </summary>
        public Messages Messages => messages ??= new Messages(() => UserLanguage.Read(SystemService, Context.InitiatingUserId, Tracing));

        public Entity? TargetEntity =>
            Context.InputParameters.Contains("Target") ? Context.InputParameters["Target"] as Entity : null;

        public EntityReference? TargetReference =>
            Context.InputParameters.Contains("Target") ? Context.InputParameters["Target"] as EntityReference : null;

        /// <summary>The Target entity; a clear, localized error when the request carries none.</summary>
        public Entity RequiredTarget => TargetEntity ?? throw TargetMissing();

        /// <summary>The Target reference (Delete); a clear, localized error when the request carries none.</summary>
        public EntityReference RequiredTargetReference => TargetReference ?? throw TargetMissing();

        private InvalidPluginExecutionException TargetMissing() =>
            new InvalidPluginExecutionException(Messages.TargetRequired(Context.PrimaryEntityName));

        public Entity? PreImage(string alias) =>
            Context.PreEntityImages != null && Context.PreEntityImages.Contains(alias) ? Context.PreEntityImages[alias] : null;

        public Entity? PostImage(string alias) =>
            Context.PostEntityImages != null && Context.PostEntityImages.Contains(alias) ? Context.PostEntityImages[alias] : null;

        /// <summary>
        /// The pre-image, or (a registration without it) the stored row with the image's columns, read as SYSTEM: the
        /// step works the same either way.
        /// </summary>
        public Entity PreImageOrStored(string alias, params string[] columns) => PreImage(alias) ?? Stored(columns);

        /// <summary>The post-image, or the stored row with the image's columns, read as SYSTEM.</summary>
        public Entity PostImageOrStored(string alias, params string[] columns) => PostImage(alias) ?? Stored(columns);

        private Entity Stored(string[] columns) =>
            SystemService.Retrieve(Context.PrimaryEntityName, Context.PrimaryEntityId, new ColumnSet(columns));

        public void Trace(string format, params object?[] args)
        {
            Tracing.Trace(format, args);
        }

        private sealed class NullTracing : ITracingService
        {
            public void Trace(string format, params object[] args)
            {
            }
        }
    }
}
