using System.Runtime.CompilerServices;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Emulator.Store;

/// <summary>
/// Stored rows with a right-sized attribute dictionary. <see cref="AttributeCollection"/> cannot be pre-sized
/// through its public surface, so a row that ends with 19 columns would otherwise keep a 37-slot dictionary (and
/// leave three smaller ones behind as garbage). The dictionary is swapped for one of the expected size; if the
/// Sdk's collection ever stops holding a plain dictionary field, rows simply keep the default one.
/// </summary>
internal static class StoredEntity
{
    private static readonly bool Presizable = Probe();

    /// <summary>A new entity whose attribute dictionary holds <paramref name="capacity"/> columns without growing.</summary>
    public static Entity Create(string logicalName, Guid id, int capacity)
    {
        var entity = new Entity(logicalName, id);
        if (Presizable && capacity > 0)
        {
            Items(entity.Attributes) = new Dictionary<string, object>(capacity);
        }

        return entity;
    }

    private static ref IDictionary<string, object> Items(AttributeCollection collection) => ref CollectionFields<string, object>.Items(collection);

    private static bool Probe()
    {
        try
        {
            var probe = new AttributeCollection();
            if (Items(probe) is not Dictionary<string, object> { Count: 0 } original || original.Comparer != EqualityComparer<string>.Default)
            {
                return false;
            }

            var sized = new Dictionary<string, object>(4);
            Items(probe) = sized;
            probe["probe"] = 1;
            return sized.Count == 1 && probe.Contains("probe");
        }
        catch (MissingMemberException)
        {
            return false;
        }
    }
}

/// <summary>The dictionary field of the Sdk's keyed collections (generic accessors need the type's own parameters).</summary>
internal static class CollectionFields<TKey, TValue>
    where TKey : notnull
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_items")]
    public static extern ref IDictionary<TKey, TValue> Items(DataCollection<TKey, TValue> collection);
}
