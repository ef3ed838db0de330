using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Client;

namespace AccountPlanXrm.Sdk.Tests;

/// <summary>Fixed ids shared by the tests.</summary>
internal static class Ids
{
    public static readonly Guid AccountId = new("11111111-1111-1111-1111-111111111111");
    public static readonly Guid ContactId = new("22222222-2222-2222-2222-222222222222");
    public static readonly Guid UserId = new("33333333-3333-3333-3333-333333333333");
}

/// <summary>An early-bound class as code generators write them.</summary>
[EntityLogicalName("account")]
public sealed class Account : Entity
{
    public const string EntityLogicalName = "account";

    public Account()
        : base(EntityLogicalName)
    {
    }

    [AttributeLogicalName("name")]
    public string? Name
    {
        get => GetAttributeValue<string>("name");
        set => SetAttributeValue("name", value);
    }

    public string? FormattedName => GetFormattedAttributeValue("name");

    public Entity? PrimaryContact
    {
        get => GetRelatedEntity<Entity>("account_primary_contact", null);
        set => SetRelatedEntity("account_primary_contact", null, value);
    }
}

/// <summary>A derived class without [EntityLogicalName].</summary>
public sealed class UnnamedEntity : Entity
{
}

/// <summary>The built Sdk assemblies below the repository root.</summary>
internal static class RepoPaths
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string BuiltAssembly(string project, string targetFramework) =>
        Repository.PathOf("Sdk", project, "bin", Configuration, targetFramework, project + ".dll");
}
