namespace Ops.Kernel.Notebooks;

/// <summary>One declaration of the parameters cell: <c>int retries = 3;</c> (line is 1-based within the cell).</summary>
public sealed record NotebookParameter(string Name, ParameterType Type, string Declaration, int Line)
{
    public string TypeName => Type switch
    {
        ParameterType.String => "string",
        ParameterType.Bool => "bool",
        ParameterType.Int => "int",
        ParameterType.Long => "long",
        ParameterType.Double => "double",
        ParameterType.DateTime => "DateTime",
        ParameterType.TimeSpan => "TimeSpan",
        ParameterType.StringArray => "string[]",
        _ => Type.ToString(),
    };
}
