using Ops.Display;

namespace Ops.Aws.Audit;

/// <summary>One RDS instance's exposure (<c>aws rds describe-db-instances</c>).</summary>
public sealed record DatabaseInstance(string Identifier, string Engine, bool PubliclyAccessible, string Source);

/// <summary>RDS instances from the CLI's <c>{"DBInstances": [...]}</c> output.</summary>
public sealed class DatabaseReport : IMimeRenderable
{
    private DatabaseReport(List<DatabaseInstance> instances) => Instances = instances;

    public IReadOnlyList<DatabaseInstance> Instances { get; }

    public static DatabaseReport Load(string path) => Parse(File.ReadAllText(path), path);

    public static DatabaseReport Parse(string json, string source = "db instances")
    {
        using var doc = JsonExport.Parse(json, source);
        var list = new List<DatabaseInstance>();
        foreach (var (item, path) in JsonExport.Items(doc.RootElement, "DBInstances", source))
            list.Add(new DatabaseInstance(JsonExport.String(item, "DBInstanceIdentifier", path, source), JsonExport.OptionalString(item, "Engine") ?? "",
                JsonExport.Bool(item, "PubliclyAccessible", path, source), $"{source} {path}"));
        return new DatabaseReport(list);
    }

    public Table ToTable()
    {
        var t = new Table("instance", "engine", "PubliclyAccessible");
        foreach (var i in Instances) t.AddRow(i.Identifier, i.Engine, i.PubliclyAccessible);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
