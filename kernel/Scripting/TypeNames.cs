using System.Text;

namespace Ops.Kernel.Scripting;

/// <summary>C# source names for runtime types (global::-qualified), as a rebased session declares them.</summary>
internal static class TypeNames
{
    /// <summary>
    /// The C# name of <paramref name="type"/>, or null when source cannot name it (anonymous,
    /// compiler-generated). A type a cell declared is nested in its submission class; it has a
    /// name only when <paramref name="cellTypeInScope"/> says its simple name still means it.
    /// </summary>
    public static string? CSharp(Type type, Func<Type, bool>? cellTypeInScope = null)
    {
        if (type.IsByRef || type.IsPointer || type.IsGenericParameter) return null;
        if (type.IsArray)
        {
            var element = CSharp(type.GetElementType()!, cellTypeInScope);
            return element == null ? null : element + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }
        if (Nullable.GetUnderlyingType(type) is { } inner) return CSharp(inner, cellTypeInScope) is { } n ? n + "?" : null;
        if (type.Assembly.IsDynamic || type.FullName == null || type.Name.Contains('<') || type.Name.Contains('#')) return null;

        // Nested types carry the generic arguments of their declaring types first.
        var chain = new List<Type>();
        for (var t = type; t != null; t = t.DeclaringType) chain.Insert(0, t);
        var sb = new StringBuilder();
        if (IsSubmission(chain[0]))
        {
            if (chain.Count < 2 || cellTypeInScope?.Invoke(chain[1]) != true) return null;
            chain.RemoveAt(0);
        }
        else
        {
            if (!IsVisible(type)) return null;
            sb.Append("global::");
            if (!string.IsNullOrEmpty(chain[0].Namespace)) sb.Append(chain[0].Namespace).Append('.');
        }

        var args = type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        var names = new List<string?>();
        foreach (var a in args) names.Add(CSharp(a, cellTypeInScope));
        if (names.Any(n => n == null)) return null;

        var used = 0;
        for (var i = 0; i < chain.Count; i++)
        {
            var name = chain[i].Name;
            var tick = name.IndexOf('`');
            var count = 0;
            if (tick >= 0)
            {
                count = int.Parse(name[(tick + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                name = name[..tick];
            }
            if (i > 0) sb.Append('.');
            sb.Append(name);
            if (count > 0)
            {
                sb.Append('<').Append(string.Join(", ", names.Skip(used).Take(count))).Append('>');
                used += count;
            }
        }
        return sb.ToString();
    }

    /// <summary>The short name a reader knows a type by (<c>List&lt;int&gt;</c>, <c>int?</c>), as <c>#!who</c> shows it.</summary>
    public static string Friendly(Type type)
    {
        if (type.IsArray) return Friendly(type.GetElementType()!) + "[]";
        if (Nullable.GetUnderlyingType(type) is { } inner) return Friendly(inner) + "?";
        if (type.IsGenericType)
        {
            var name = type.Name;
            var tick = name.IndexOf('`');
            if (tick > 0) name = name[..tick];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Friendly))}>";
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => "int", TypeCode.Int64 => "long", TypeCode.String => "string", TypeCode.Boolean => "bool",
            TypeCode.Double => "double", TypeCode.Decimal => "decimal", TypeCode.Single => "float", _ => type.Name,
        };
    }

    /// <summary>Roslyn's class for one cell (<c>Submission#3</c>), which holds the types the cell declared.</summary>
    public static bool IsSubmission(Type type) => type.DeclaringType == null && type.Name.StartsWith("Submission#", StringComparison.Ordinal);

    private static bool IsVisible(Type type)
    {
        for (var t = type; t != null; t = t.DeclaringType)
            if (!(t.IsPublic || t.IsNestedPublic)) return false;
        return true;
    }
}
