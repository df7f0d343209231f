using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Ops.Display;

namespace Ops.Library.Tests.Display;

public class TypeCacheTests
{
    [Fact]
    public void Values_are_cached_per_type()
    {
        var cache = new TypeCache<string>();
        var calls = 0;
        string Create(Type t) { calls++; return t.Name; }
        Assert.Equal("Int32", cache.GetOrAdd(typeof(int), Create));
        Assert.Equal("Int32", cache.GetOrAdd(typeof(int), Create));
        Assert.Equal(1, calls);
        cache.Clear();
        cache.GetOrAdd(typeof(int), Create);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void A_collectible_type_is_cached_but_not_kept_alive()
    {
        var cache = new TypeCache<string>();
        var type = CacheCollectibleType(cache);
        for (var i = 0; i < 20 && type.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(type.IsAlive, "the cache kept a collectible type (and its assembly) alive");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CacheCollectibleType(TypeCache<string> cache)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("ops-cell-like"), AssemblyBuilderAccess.RunAndCollect);
        var type = assembly.DefineDynamicModule("cell").DefineType("Ap", TypeAttributes.Public).CreateType();
        Assert.True(type.IsCollectible);
        var calls = 0;
        cache.GetOrAdd(type, t => { calls++; return t.Name; });
        Assert.Equal("Ap", cache.GetOrAdd(type, t => { calls++; return t.Name; }));
        Assert.Equal(1, calls);
        return new WeakReference(type);
    }
}
