namespace Ops.Kernel.Scripting;

/// <summary>
/// Values handed from an old submission chain to the new one when a session is rebased. The
/// prelude submission reads each variable back by name, once.
/// </summary>
internal static class SessionCarry
{
    private static readonly Dictionary<string, Dictionary<string, object?>> Pending = new(StringComparer.Ordinal);

    internal static string Put(Dictionary<string, object?> values)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (Pending) Pending[id] = values;
        return id;
    }

    internal static T Take<T>(string id, string name)
    {
        lock (Pending) return (T)Pending[id][name]!;
    }

    internal static void Release(string id)
    {
        lock (Pending) Pending.Remove(id);
    }
}
