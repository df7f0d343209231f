using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Ops.Display;

/// <summary>
/// What the built-in formatters need to know about a type: whether it is a single value, a record
/// or plain object shown as properties, or a sequence, and which properties to show. Cached per type
/// because tables ask for every row.
/// </summary>
internal static class TypeShape
{
    private static readonly TypeCache<DisplayMember[]> MemberCache = new();
    private static readonly TypeCache<bool> OwnToStringCache = new();

    /// <summary>Values shown as one piece of text, never taken apart into properties.</summary>
    public static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeSpan) || t == typeof(Guid) || t == typeof(DateOnly)
            || t == typeof(TimeOnly) || t == typeof(Bar) || t == typeof(Uri) || t == typeof(Version)
            || t == typeof(System.Net.IPAddress) || t == typeof(Type) || t.IsSubclassOf(typeof(Type))
            || t.IsPointer || typeof(Delegate).IsAssignableFrom(t);
    }

    /// <summary>
    /// Public readable instance properties without indexers (a record's EqualityContract is
    /// protected, so it is not one), then public instance fields (value tuples keep their items there).
    /// </summary>
    public static DisplayMember[] Members(Type t) => MemberCache.GetOrAdd(t, static type =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod?.IsPublic == true)
            .Select(p => new DisplayMember(p.Name, p.PropertyType, p))
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => new DisplayMember(f.Name, f.FieldType, f)))
            .ToArray());

    /// <summary>
    /// True when the type (or a base other than object/ValueType) declares a hand-written ToString:
    /// that text is what its author wants shown (IP addresses, Bar, domain ids). Compiler-generated
    /// ToString of records and anonymous types does not count: those are shown as properties.
    /// </summary>
    public static bool HasOwnToString(Type t) => OwnToStringCache.GetOrAdd(t, static type =>
    {
        var m = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (m == null) return false;
        var declaring = m.DeclaringType;
        if (declaring == typeof(object) || declaring == typeof(ValueType) || declaring == typeof(Enum)) return false;
        return m.GetCustomAttribute<CompilerGeneratedAttribute>() == null && !IsAnonymous(declaring!);
    });

    public static bool IsAnonymous(Type t) =>
        t.IsDefined(typeof(CompilerGeneratedAttribute), false) && t.Name.Contains("AnonymousType", StringComparison.Ordinal);

    /// <summary>Type name as a person writes it: <c>List&lt;Int32&gt;</c>, not <c>List`1</c>.</summary>
    public static string DisplayName(Type t)
    {
        if (IsAnonymous(t)) return "anonymous";
        if (!t.IsGenericType) return t.Name;
        var name = t.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        return name + "<" + string.Join(", ", t.GetGenericArguments().Select(DisplayName)) + ">";
    }

    /// <summary>The T of the first IEnumerable&lt;T&gt; the type implements, or object.</summary>
    public static Type ElementType(Type sequenceType)
    {
        if (sequenceType.IsArray) return sequenceType.GetElementType()!;
        var candidates = sequenceType.IsGenericType && sequenceType.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? new[] { sequenceType }
            : sequenceType.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).ToArray();
        // A type may implement IEnumerable<T> for several T; the most derived element type is the useful one.
        Type? best = null;
        foreach (var c in candidates)
        {
            var arg = c.GetGenericArguments()[0];
            if (best == null || best.IsAssignableFrom(arg)) best = arg;
        }
        return best ?? typeof(object);
    }

    public static bool IsKeyValuePair(Type t) => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>);

    /// <summary>Reads a member; a throwing getter shows as its exception type instead of failing the display.</summary>
    public static object? SafeGet(DisplayMember m, object item)
    {
        try
        {
            return m.Member is PropertyInfo p ? p.GetValue(item) : ((FieldInfo)m.Member).GetValue(item);
        }
        catch (TargetInvocationException e) { return new PropertyError(e.InnerException?.GetType().Name ?? "error"); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or MemberAccessException)
        {
            return new PropertyError(e.GetType().Name);
        }
    }

    /// <summary>A property or field shown as a column or a <c>Name: value</c> line.</summary>
    internal sealed record DisplayMember(string Name, Type Type, MemberInfo Member);

    /// <summary>Stands in for a property whose getter threw.</summary>
    internal sealed record PropertyError(string ExceptionType)
    {
        public override string ToString() => "<" + ExceptionType + ">";
    }

    /// <summary>Appends a short type-qualified summary, used where nesting is cut off.</summary>
    public static void AppendCutOff(StringBuilder sb, object value) => sb.Append(DisplayName(value.GetType())).Append(" {…}");
}
